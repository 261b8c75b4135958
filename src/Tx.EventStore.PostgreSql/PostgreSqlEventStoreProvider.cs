using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.PostgreSql;

/// <summary>
/// Stores events in PostgreSQL. An append is one round trip: one call of the schema's <c>append_events</c> function
/// (created by the migration), which is its own transaction: it locks (or creates) the stream row, checks the expected
/// version, takes the store's write lock and inserts the events with one multi-row statement. The write lock is a
/// transaction-scoped advisory lock taken right before the events get their positions and held until COMMIT, so
/// positions commit in increasing order and a reader that continues after the last position it saw never skips
/// an event that commits late.
/// </summary>
public sealed class PostgreSqlEventStoreProvider : IEventStoreProvider, IAsyncDisposable, IDisposable
{
    private const string UniqueViolation = "23505";
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlEventStoreOptions _options;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlEventStoreProvider"/> class.</summary>
    /// <param name="options">The provider options (connection string, schema...).</param>
    public PostgreSqlEventStoreProvider(PostgreSqlEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Schema);
        _options = options;
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = options.MaxAutoPrepare;
        }

        if (!options.ResetConnectionOnClose)
        {
            connection.NoResetOnClose = true;
        }

        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        Statements = new PostgreSqlStatements(options.Schema, options.PayloadType);
        Snapshots = new PostgreSqlSnapshotStore(this);
        Checkpoints = new PostgreSqlCheckpointStore(this);
    }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public ICheckpointStore Checkpoints { get; }

    /// <summary>Gets or sets a test hook awaited inside an append/delete transaction after the events are written, before COMMIT.</summary>
    internal Func<CancellationToken, ValueTask>? BeforeCommit { get; set; }

    internal PostgreSqlStatements Statements { get; }

    /// <inheritdoc />
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);

        // CREATE ... IF NOT EXISTS is not safe against a concurrent identical CREATE: serialize migrations.
        var lockCommand = new NpgsqlCommand(Statements.TakeWriteLock, connection, transaction);
        await using (lockCommand.ConfigureAwait(false))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Statements.MigrationLockKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var command = new NpgsqlCommand(Statements.Migrate, connection, transaction);

        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _schemaReady = true;
    }

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, CancellationToken cancellationToken = default) =>
        WriteAsync(streamId, expectedVersion, events, delete: false, cancellationToken);

    /// <inheritdoc />
    public ValueTask<AppendResult> DeleteStreamAsync(string streamId, ExpectedVersion expectedVersion, UncommittedEvent tombstone, CancellationToken cancellationToken = default) =>
        WriteAsync(streamId, expectedVersion, [tombstone], delete: true, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion, ReadDirection direction, int maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var batch = new NpgsqlBatch(connection);
        await using var batchScope = batch.ConfigureAwait(false);
        var state = new NpgsqlBatchCommand(Statements.StreamState);
        state.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        var read = new NpgsqlBatchCommand(direction == ReadDirection.Forwards ? Statements.ReadForwards : Statements.ReadBackwards);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromVersion });
        read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxCount });
        batch.BatchCommands.Add(state);
        batch.BatchCommands.Add(read);
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        if (reader.GetBoolean(1))
        {
            throw new StreamDeletedException(streamId);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEvent(reader, streamId);
        }
    }

    /// <inheritdoc />
    /// <remarks>One round trip: a read-only REPEATABLE READ transaction reads the snapshot, the stream row and the events after the snapshot.</remarks>
    public async ValueTask<SnapshotTail> LoadSnapshotAndTailAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var batch = new NpgsqlBatch(connection);
        await using var batchScope = batch.ConfigureAwait(false);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        foreach (string sql in (ReadOnlySpan<string>)[Statements.LoadSnapshot, Statements.StreamState, Statements.ReadAfterSnapshot])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        SnapshotRecord? snapshot = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? PostgreSqlSnapshotStore.ReadSnapshot(this, reader, streamId)
            : null;
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new SnapshotTail(snapshot, []);
        }

        if (reader.GetBoolean(1))
        {
            throw new StreamDeletedException(streamId);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(ReadEvent(reader, streamId));
        }

        return new SnapshotTail(snapshot, events);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(Statements.ReadAll, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterPosition });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxCount });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var page = new List<RecordedEvent>(Math.Min(maxCount, 1024));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(ReadEvent(reader, streamId: null));
        }

        return page;
    }

    /// <inheritdoc />
    public async ValueTask<long> GetHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(Statements.HeadPosition, connection);
        await using var commandScope = command.ConfigureAwait(false);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(Statements.StreamState, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StreamInfo(streamId, reader.GetInt64(0), reader.GetBoolean(1))
            : new StreamInfo(streamId, 0, false);
    }

    /// <inheritdoc />
    public async ValueTask<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(Statements.FindEvent, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEvent(reader, streamId: null) : null;
    }

    /// <inheritdoc />
    public async ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(Statements.Truncate, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = beforeVersion });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _schemaLock.Dispose();
        return _dataSource.DisposeAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _schemaLock.Dispose();
        _dataSource.Dispose();
    }

    /// <summary>Opens a pooled connection, creating the schema first when this instance has not yet done so.</summary>
    internal async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady && _options.AutoCreateSchema)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    internal byte[] ReadPayload(NpgsqlDataReader reader, int ordinal) =>
        Statements.IsJsonb ? Encoding.UTF8.GetBytes(reader.GetString(ordinal)) : reader.GetFieldValue<byte[]>(ordinal);

    internal NpgsqlParameter PayloadParameter(ReadOnlyMemory<byte> data) =>
        Statements.IsJsonb
            ? new NpgsqlParameter<string> { TypedValue = Encoding.UTF8.GetString(data.Span) }
            : new NpgsqlParameter<byte[]> { TypedValue = AsArray(data) };

    private static byte[] AsArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private static DateTimeOffset ReadTimestamp(NpgsqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    private RecordedEvent ReadEvent(NpgsqlDataReader reader, string? streamId) =>
        new(
            streamId ?? reader.GetString(1),
            reader.GetGuid(3),
            reader.GetString(4),
            reader.GetInt32(5),
            reader.GetInt64(2),
            reader.GetInt64(0),
            ReadTimestamp(reader, 10),
            new EventMetadata(
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)),
            ReadPayload(reader, 6));

    private async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async ValueTask<AppendResult> WriteAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, bool delete, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var hook = BeforeCommit;
        var batch = new NpgsqlBatch(connection);
        await using var batchScope = batch.ConfigureAwait(false);
        if (hook is not null)
        {
            // The test hook runs between the append and COMMIT: an explicit transaction, three round trips.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }

        // Without the hook the function call is the whole transaction: one round trip, committed when it returns.
        batch.BatchCommands.Add(AppendCommand(streamId, expectedVersion, events, delete));
        bool open = hook is not null;
        try
        {
            AppendResult result;
            try
            {
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                result = new AppendResult(reader.GetInt64(0), reader.GetInt64(1));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgreSqlStatements.WrongVersionState)
            {
                throw new WrongExpectedVersionException(streamId, expectedVersion, long.Parse(ex.MessageText, CultureInfo.InvariantCulture));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgreSqlStatements.StreamDeletedState)
            {
                throw new StreamDeletedException(streamId);
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                // The stream row is locked, so (stream_id, version) cannot collide: the violated key is the event id.
                throw new DuplicateEventIdException(streamId, events.Count == 1 ? events[0].EventId : null, ex);
            }

            if (hook is not null)
            {
                await hook(cancellationToken).ConfigureAwait(false);
                var commit = new NpgsqlCommand("COMMIT", connection);
                await using var commitScope = commit.ConfigureAwait(false);
                await commit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                open = false;
            }

            return result;
        }
        finally
        {
            if (open)
            {
                await RollbackAsync(connection).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask RollbackAsync(NpgsqlConnection connection)
    {
        try
        {
            var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await using var rollbackScope = rollback.ConfigureAwait(false);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A broken connection has no transaction left; the pool discards it.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private NpgsqlBatchCommand AppendCommand(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, bool delete)
    {
        int count = events.Count;
        var ids = new Guid[count];
        var types = new string[count];
        var schemaVersions = new int[count];
        var correlations = new string?[count];
        var causations = new string?[count];
        var users = new string?[count];
        var timestamps = new DateTime[count];
        byte[][]? binary = Statements.IsJsonb ? null : new byte[count][];
        string[]? json = Statements.IsJsonb ? new string[count] : null;
        for (int i = 0; i < count; i++)
        {
            var e = events[i];
            ids[i] = e.EventId;
            types[i] = e.EventType;
            schemaVersions[i] = e.SchemaVersion;
            correlations[i] = e.Metadata.CorrelationId;
            causations[i] = e.Metadata.CausationId;
            users[i] = e.Metadata.UserId;
            timestamps[i] = e.Timestamp.UtcDateTime;
            if (binary is not null)
            {
                binary[i] = AsArray(e.Data);
            }
            else
            {
                json![i] = Encoding.UTF8.GetString(e.Data.Span);
            }
        }

        var append = new NpgsqlBatchCommand(Statements.AppendEvents);
        append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        append.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion.Value });
        append.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = delete });
        append.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Statements.WriteLockKey });
        append.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        append.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = schemaVersions });
        append.Parameters.Add(binary is not null ? new NpgsqlParameter<byte[][]> { TypedValue = binary } : new NpgsqlParameter<string[]> { TypedValue = json });
        append.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = correlations });
        append.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = causations });
        append.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = users });
        append.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = timestamps });
        return append;
    }
}
