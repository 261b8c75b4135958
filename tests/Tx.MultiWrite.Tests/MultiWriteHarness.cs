using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Reconciliation;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Statistics;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests;

/// <summary>The writer wired through DI over an in-memory ledger and three in-memory targets, on fake time.</summary>
public sealed class MultiWriteHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    public MultiWriteHarness(Action<ITxMultiWriteBuilder>? configure = null, Action<TargetLegOptions>? leg = null, IWriteLedger? ledger = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        MySql = new InMemoryWriteTarget("mysql", Time);
        Mongo = new InMemoryWriteTarget("mongodb", Time);
        Spanner = new InMemoryWriteTarget("spanner", Time);
        Ledger = ledger ?? new InMemoryWriteLedger();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Time);
        ITxMultiWriteBuilder builder = services.AddTxMultiWrite()
            .UseLedger(_ => Ledger)
            .AddTarget("mysql", _ => MySql, leg)
            .AddTarget("mongodb", _ => Mongo, leg)
            .AddTarget("spanner", _ => Spanner, leg)
            .UseEventPublisher(_ => Publisher)
            .ConfigureRetryWorker(o =>
            {
                o.BaseDelay = TimeSpan.FromSeconds(1);
                o.JitterMax = TimeSpan.Zero;
                o.MaxAttempts = 5;
            });
        configure?.Invoke(builder);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; }

    public InMemoryWriteTarget MySql { get; }

    public InMemoryWriteTarget Mongo { get; }

    public InMemoryWriteTarget Spanner { get; }

    public IEnumerable<InMemoryWriteTarget> Targets => [MySql, Mongo, Spanner];

    public IWriteLedger Ledger { get; }

    public RecordingPublisher Publisher { get; } = new();

    public IServiceProvider Services => _provider;

    public IMultiWriter Writer => _provider.GetRequiredService<IMultiWriter>();

    internal LegRetryProcessor Worker => _provider.GetRequiredService<LegRetryProcessor>();

    public IMultiWriteReconciler Reconciler => _provider.GetRequiredService<IMultiWriteReconciler>();

    public IMultiWriteStatistics Statistics => _provider.GetRequiredService<IMultiWriteStatistics>();

    public static MultiWriteRecord Record(string key = "tx-1", decimal amount = 10m, string type = "transactions", Guid? writeId = null) =>
        new(type, key, new { id = key, amount, currency = "EUR" }) { WriteId = writeId };

    public void Dispose() => _provider.Dispose();
}
