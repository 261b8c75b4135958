using Npgsql;
using Tx.EventStore.Providers;

namespace Tx.EventStore.PostgreSql;

/// <summary>Subscription checkpoints: one row per subscription name.</summary>
internal sealed class PostgreSqlCheckpointStore(PostgreSqlEventStoreProvider provider) : ICheckpointStore
{
    public async ValueTask<long?> LoadAsync(string subscriptionName, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(provider.Statements.LoadCheckpoint, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscriptionName });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : null;
    }

    public async ValueTask SaveAsync(string subscriptionName, long position, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(provider.Statements.SaveCheckpoint, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscriptionName });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
