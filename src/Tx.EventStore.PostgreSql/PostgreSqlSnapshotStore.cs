using Npgsql;
using Tx.EventStore.Providers;

namespace Tx.EventStore.PostgreSql;

/// <summary>The latest snapshot per stream, one row each; a save never replaces a newer snapshot.</summary>
internal sealed class PostgreSqlSnapshotStore(PostgreSqlEventStoreProvider provider) : ISnapshotStore
{
    public async ValueTask SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(provider.Statements.SaveSnapshot, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.StreamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.StreamVersion });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.SnapshotType });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = snapshot.SchemaVersion });
        command.Parameters.Add(provider.PayloadParameter(snapshot.Data));
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = snapshot.Timestamp.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<SnapshotRecord?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(provider.Statements.LoadSnapshot, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return ReadSnapshot(provider, reader, streamId);
    }

    public async ValueTask DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(provider.Statements.DeleteSnapshot, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a row of <see cref="PostgreSqlStatements.LoadSnapshot"/>.</summary>
    internal static SnapshotRecord ReadSnapshot(PostgreSqlEventStoreProvider provider, NpgsqlDataReader reader, string streamId) =>
        new(
            streamId,
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetInt32(2),
            provider.ReadPayload(reader, 3),
            new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc)));
}
