using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Sqlite;

/// <summary>
/// The SQLite provider. Appends run one at a time on a dedicated writer connection with prepared statements
/// inside an immediate transaction, so positions are assigned and committed in order: the global log has no
/// late commits and a reader can never overtake a writer. Readers use pooled connections (WAL mode).
/// </summary>
public sealed class SqliteEventStoreProvider : IEventStoreProvider, IDisposable
{
    private const int SqliteConstraint = 19;

    private readonly SqliteDatabase _database;

    /// <summary>Initializes a new instance of the <see cref="SqliteEventStoreProvider"/> class.</summary>
    /// <param name="options">The options; <see cref="SqliteEventStoreOptions.ConnectionString"/> is required.</param>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public SqliteEventStoreProvider(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _database = new SqliteDatabase(options);
        Snapshots = new SqliteSnapshotStore(_database);
        Checkpoints = new SqliteCheckpointStore(_database);
    }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public ICheckpointStore Checkpoints { get; }

    /// <summary>Gets or sets a test hook awaited inside append and delete transactions, right before the commit.</summary>
    internal Func<CancellationToken, ValueTask>? BeforeCommit { get; set; }

    /// <inheritdoc />
    public ValueTask MigrateAsync(CancellationToken cancellationToken = default) => _database.MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, CancellationToken cancellationToken = default) =>
        _database.WriteAsync((connection, transaction, ct) => AppendCoreAsync(transaction, streamId, expectedVersion, events, delete: false, ct), cancellationToken);

    /// <inheritdoc />
    public ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, UncommittedEvent tombstone, CancellationToken cancellationToken = default) =>
        _database.WriteAsync((connection, transaction, ct) => AppendCoreAsync(transaction, streamId, expectedVersion, [tombstone], delete: true, ct), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion, ReadDirection direction, int maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            using (var state = connection.CreateCommand())
            {
                state.Transaction = transaction;
                state.CommandText = _database.Sql.SelectStream;
                state.Parameters.AddWithValue("$stream", streamId);
                using var stateReader = state.ExecuteReader();
                if (!stateReader.Read())
                {
                    yield break;
                }

                if (stateReader.GetInt64(1) != 0)
                {
                    throw new StreamDeletedException(streamId);
                }
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = direction == ReadDirection.Forwards ? _database.Sql.ReadForwards : _database.Sql.ReadBackwards;
            command.Parameters.AddWithValue("$stream", streamId);
            command.Parameters.AddWithValue("$version", fromVersion);
            command.Parameters.AddWithValue("$count", maxCount);
            using var reader = command.ExecuteReader();
            string? lastType = null;
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return SqliteEventMapper.Map(reader, streamId, ref lastType);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _database.Sql.ReadAll;
            command.Parameters.AddWithValue("$position", afterPosition);
            command.Parameters.AddWithValue("$count", maxCount);
            using var reader = command.ExecuteReader();
            var page = new List<RecordedEvent>(Math.Min(maxCount, 4096));
            string? lastType = null;
            while (reader.Read())
            {
                page.Add(SqliteEventMapper.Map(reader, null, ref lastType));
            }

            return page;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> GetHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _database.Sql.Head;
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <inheritdoc />
    public async ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _database.Sql.SelectStream;
            command.Parameters.AddWithValue("$stream", streamId);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StreamInfo(streamId, reader.GetInt64(0), reader.GetInt64(1) != 0)
                : new StreamInfo(streamId, 0, false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _database.Sql.FindEvent;
            command.Parameters.AddWithValue("$id", eventId);
            using var reader = command.ExecuteReader();
            string? lastType = null;
            return reader.Read() ? SqliteEventMapper.Map(reader, null, ref lastType) : null;
        }
    }

    /// <inheritdoc />
    public ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            (connection, transaction, _) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = _database.Sql.Truncate;
                command.Parameters.AddWithValue("$stream", streamId);
                command.Parameters.AddWithValue("$version", beforeVersion);
                return ValueTask.FromResult((long)command.ExecuteNonQuery());
            },
            cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    private async ValueTask<AppendResult> AppendCoreAsync(SqliteTransaction transaction, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, bool delete, CancellationToken cancellationToken)
    {
        var select = _database.SelectStream!;
        select.Transaction = transaction;
        select.Parameters[0].Value = streamId;
        long version = 0;
        using (var reader = select.ExecuteReader())
        {
            if (reader.Read())
            {
                if (reader.GetInt64(1) != 0)
                {
                    throw new StreamDeletedException(streamId);
                }

                version = reader.GetInt64(0);
            }
        }

        if (!expectedVersion.IsSatisfiedBy(version))
        {
            throw new WrongExpectedVersionException(streamId, expectedVersion, version);
        }

        var insert = _database.InsertEvent!;
        insert.Transaction = transaction;
        var p = insert.Parameters;
        p[0].Value = streamId;
        long position = 0;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            p[1].Value = version + i + 1;
            p[2].Value = e.EventId;
            p[3].Value = e.EventType;
            p[4].Value = e.SchemaVersion;
            p[5].Value = SqliteDatabase.Bytes(e.Data);
            p[6].Value = (object?)e.Metadata.CorrelationId ?? DBNull.Value;
            p[7].Value = (object?)e.Metadata.CausationId ?? DBNull.Value;
            p[8].Value = (object?)e.Metadata.UserId ?? DBNull.Value;
            p[9].Value = e.Timestamp.UtcTicks;
            try
            {
                position = (long)insert.ExecuteScalar()!;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                throw new DuplicateEventIdException(streamId, e.EventId, ex);
            }
        }

        long last = version + events.Count;
        var upsert = _database.UpsertStream!;
        upsert.Transaction = transaction;
        upsert.Parameters[0].Value = streamId;
        upsert.Parameters[1].Value = last;
        upsert.Parameters[2].Value = delete ? 1 : 0;
        upsert.ExecuteNonQuery();

        if (BeforeCommit is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        return new AppendResult(last, position);
    }
}
