using Tx.EventStore.Providers;

namespace Tx.EventStore.Sqlite;

internal sealed class SqliteCheckpointStore(SqliteDatabase database) : ICheckpointStore
{
    public async ValueTask<long?> LoadAsync(string subscriptionName, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = database.Sql.LoadCheckpoint;
            command.Parameters.AddWithValue("$name", subscriptionName);
            return command.ExecuteScalar() is long position ? position : null;
        }
    }

    public async ValueTask SaveAsync(string subscriptionName, long position, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(
            (connection, transaction, _) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = database.Sql.SaveCheckpoint;
                command.Parameters.AddWithValue("$name", subscriptionName);
                command.Parameters.AddWithValue("$position", position);
                return ValueTask.FromResult(command.ExecuteNonQuery());
            },
            cancellationToken).ConfigureAwait(false);
}
