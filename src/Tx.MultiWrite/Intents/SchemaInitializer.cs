using Microsoft.Extensions.Options;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Intents;

/// <summary>Creates the ledger's and every target's tables once, on first use (when <see cref="MultiWriteOptions.CreateSchema"/> is set).</summary>
internal sealed class SchemaInitializer(IWriteLedger ledger, LegSet legs, IOptions<MultiWriteOptions> options)
{
    private readonly Lock _lock = new();
    private Task? _initialized;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateSchema)
        {
            return Task.CompletedTask;
        }

        Task? current = Volatile.Read(ref _initialized);
        if (current is { IsCompletedSuccessfully: true })
        {
            return current;
        }

        lock (_lock)
        {
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled)
            {
                _initialized = CreateAsync();
            }

            return _initialized.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAsync()
    {
        await ledger.EnsureCreatedAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (Leg leg in legs.Legs)
        {
            await leg.Target.EnsureCreatedAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
