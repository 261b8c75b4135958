using System.Globalization;
using MySqlConnector;
using Tx.EventStore.Providers;

namespace Tx.EventStore.MySql;

/// <summary>Subscription checkpoints: one row per subscription name.</summary>
internal sealed class MySqlCheckpointStore(MySqlEventStoreProvider provider) : ICheckpointStore
{
    public async ValueTask<long?> LoadAsync(string subscriptionName, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(provider.Statements.LoadCheckpoint, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@n", subscriptionName);
        object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public async ValueTask SaveAsync(string subscriptionName, long position, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(provider.Statements.SaveCheckpoint, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@n", subscriptionName);
        command.Parameters.AddWithValue("@p", position);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
