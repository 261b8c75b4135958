using Tx.EventStore.Providers;

namespace Tx.EventStore.Sqlite;

internal sealed class SqliteSnapshotStore(SqliteDatabase database) : ISnapshotStore
{
    public ValueTask SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Write(
            database.Sql.SaveSnapshot,
            cancellationToken,
            ("$stream", snapshot.StreamId),
            ("$version", snapshot.StreamVersion),
            ("$type", snapshot.SnapshotType),
            ("$schema", snapshot.SchemaVersion),
            ("$data", SqliteDatabase.Bytes(snapshot.Data)),
            ("$created", snapshot.Timestamp.UtcTicks));
    }

    public async ValueTask<SnapshotRecord?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = database.Sql.LoadSnapshot;
            command.Parameters.AddWithValue("$stream", streamId);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new SnapshotRecord(streamId, reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<byte[]>(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero))
                : null;
        }
    }

    public ValueTask DeleteAsync(string streamId, CancellationToken cancellationToken = default) =>
        Write(database.Sql.DeleteSnapshot, cancellationToken, ("$stream", streamId));

    private async ValueTask Write(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        await database.WriteAsync(
            (connection, transaction, _) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(name, value);
                }

                return ValueTask.FromResult(command.ExecuteNonQuery());
            },
            cancellationToken).ConfigureAwait(false);
}
