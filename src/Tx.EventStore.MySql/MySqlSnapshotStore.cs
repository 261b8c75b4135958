using MySqlConnector;
using Tx.EventStore.Providers;

namespace Tx.EventStore.MySql;

/// <summary>The latest snapshot per stream, one row each; a save never replaces a newer snapshot.</summary>
internal sealed class MySqlSnapshotStore(MySqlEventStoreProvider provider) : ISnapshotStore
{
    public async ValueTask SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(provider.Statements.SaveSnapshot, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", snapshot.StreamId);
        command.Parameters.AddWithValue("@v", snapshot.StreamVersion);
        command.Parameters.AddWithValue("@t", snapshot.SnapshotType);
        command.Parameters.AddWithValue("@sv", snapshot.SchemaVersion);
        command.Parameters.AddWithValue("@d", snapshot.Data);
        command.Parameters.AddWithValue("@c", snapshot.Timestamp.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<SnapshotRecord?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(provider.Statements.LoadSnapshot, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", streamId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return ReadSnapshot(reader, streamId);
    }

    public async ValueTask DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(provider.Statements.DeleteSnapshot, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", streamId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a row of <see cref="MySqlStatements.LoadSnapshot"/>.</summary>
    internal static SnapshotRecord ReadSnapshot(MySqlDataReader reader, string streamId) =>
        new(
            streamId,
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetFieldValue<byte[]>(3),
            MySqlEventStoreProvider.ReadTimestamp(reader, 4));
}
