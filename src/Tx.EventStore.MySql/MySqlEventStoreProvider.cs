using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MySqlConnector;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.MySql;

/// <summary>
/// Stores events in MySQL or MariaDB. An append is one READ COMMITTED transaction sent as one multi-statement command
/// (one round trip): lock (or create) the stream row and check the expected version; allocate the positions from the
/// store's position row, insert the events with one multi-row INSERT, update the stream row and commit, every write
/// conditional on the check. The position row stays locked until COMMIT, so positions
/// are gap-free and commit in increasing order: a reader that continues after the last position it saw never
/// skips an event that commits late. MariaDB exposes no transaction snapshot to do better.
/// </summary>
public sealed class MySqlEventStoreProvider : IEventStoreProvider, IAsyncDisposable, IDisposable
{
    private const string FirstRow = "SELECT LAST_INSERT_ID() - @n + 1 AS p, @s AS s, @tx_cur + 1 AS v, @i0 AS i, @t0 AS t, @sv0 AS sv, @x0 AS x, @c0 AS c, @ca0 AS ca, @u0 AS u, @ts0 AS ts FROM DUAL WHERE @tx_ok";
    private const string NextRow = " UNION ALL SELECT LAST_INSERT_ID() - @n + {0}, @s, @tx_cur + {0}, @i{1}, @t{1}, @sv{1}, @x{1}, @c{1}, @ca{1}, @u{1}, @ts{1} FROM DUAL WHERE @tx_ok";
    private readonly MySqlDataSource _dataSource;
    private readonly MySqlEventStoreOptions _options;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly ConcurrentDictionary<int, string> _writeSql = new();
    private volatile bool _schemaReady;

    /// <summary>Initializes a new instance of the <see cref="MySqlEventStoreProvider"/> class.</summary>
    /// <param name="options">The provider options (connection string, table prefix...).</param>
    public MySqlEventStoreProvider(MySqlEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TablePrefix);
        _options = options;
        // The append's checks keep their results in session variables (@tx_*), so they must pass through as such.
        _dataSource = new MySqlDataSource(new MySqlConnectionStringBuilder(options.ConnectionString) { AllowUserVariables = true }.ConnectionString);
        Statements = new MySqlStatements(options.TablePrefix);
        Snapshots = new MySqlSnapshotStore(this);
        Checkpoints = new MySqlCheckpointStore(this);
    }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public ICheckpointStore Checkpoints { get; }

    /// <summary>Gets or sets a test hook awaited inside an append/delete transaction after the events are written, before COMMIT.</summary>
    internal Func<CancellationToken, ValueTask>? BeforeCommit { get; set; }

    internal MySqlStatements Statements { get; }

    /// <inheritdoc />
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(Statements.Migrate, connection);
        await using var commandScope = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
        var command = new MySqlCommand(direction == ReadDirection.Forwards ? Statements.ReadStream : Statements.ReadStreamBackwards, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", streamId);
        command.Parameters.AddWithValue("@f", fromVersion);
        command.Parameters.AddWithValue("@m", maxCount);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
    /// <remarks>One round trip: a read-only consistent-snapshot transaction reads the snapshot, the stream row and the events after the snapshot.</remarks>
    public async ValueTask<SnapshotTail> LoadSnapshotAndTailAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(Statements.LoadSnapshotAndTail, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", streamId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        SnapshotRecord? snapshot = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? MySqlSnapshotStore.ReadSnapshot(reader, streamId)
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
        var command = new MySqlCommand(Statements.ReadAll, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@a", afterPosition);
        command.Parameters.AddWithValue("@m", maxCount);
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
        var command = new MySqlCommand(Statements.HeadPosition, connection);
        await using var commandScope = command.ConfigureAwait(false);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask<StreamInfo> GetStreamInfoAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(Statements.StreamState, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", streamId);
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
        var command = new MySqlCommand(Statements.FindEvent, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@id", eventId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEvent(reader, streamId: null) : null;
    }

    /// <inheritdoc />
    public async ValueTask<long> TruncateStreamAsync(string streamId, long beforeVersion, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = new MySqlCommand(Statements.Truncate, connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", streamId);
        command.Parameters.AddWithValue("@v", beforeVersion);
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

    /// <summary>Opens a pooled connection, creating the tables first when this instance has not yet done so.</summary>
    internal async ValueTask<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady && _options.AutoCreateSchema)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static DateTimeOffset ReadTimestamp(MySqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    private static RecordedEvent ReadEvent(MySqlDataReader reader, string? streamId) =>
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
            reader.GetFieldValue<byte[]>(6));

    private static string BuildWriteSql(MySqlStatements statements, int count, bool commit)
    {
        var sql = new StringBuilder(statements.BeginAppend.Length + statements.EndAppend.Length + 400 + (count * 140));
        sql.Append(statements.BeginAppend).Append(statements.AllocatePositions).Append(statements.InsertEventsPrefix).Append(FirstRow);
        for (int i = 1; i < count; i++)
        {
            sql.AppendFormat(CultureInfo.InvariantCulture, NextRow, i + 1, i);
        }

        sql.Append(';').Append(statements.EndAppend);
        if (commit)
        {
            sql.Append("COMMIT;");
        }

        return sql.Append(statements.AppendOutcome).ToString();
    }

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

        // The whole transaction is one multi-statement command: lock the stream row, check, allocate positions,
        // insert, update the stream row, COMMIT, report (two round trips with the test hook, which runs before COMMIT).
        var hook = BeforeCommit;
        int count = events.Count;
        string sql = hook is null
            ? _writeSql.GetOrAdd(count, static (n, s) => BuildWriteSql(s, n, commit: true), Statements)
            : BuildWriteSql(Statements, count, commit: false);
        bool open = true;
        try
        {
            var command = new MySqlCommand(sql, connection);
            await using var commandScope = command.ConfigureAwait(false);
            AddWriteParameters(command.Parameters, streamId, expectedVersion, events, delete);
            bool ok;
            long current;
            bool deleted;
            long position;
            try
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                ok = Number(reader, 0) != 0;
                current = Number(reader, 1);
                deleted = Number(reader, 2) != 0;
                position = Number(reader, 3);
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
            {
                // The stream row is locked, so (stream_id, version) cannot collide: the violated key is the event id.
                throw new DuplicateEventIdException(streamId, count == 1 ? events[0].EventId : null, ex);
            }

            open = hook is not null;
            if (deleted)
            {
                throw new StreamDeletedException(streamId);
            }

            if (!ok)
            {
                throw new WrongExpectedVersionException(streamId, expectedVersion, current);
            }

            if (hook is not null)
            {
                await hook(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "COMMIT", cancellationToken).ConfigureAwait(false);
                open = false;
            }

            return new AppendResult(current + count, position);
        }
        finally
        {
            if (open)
            {
                await RollbackAsync(connection).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Session variables come back with the server's choice of integer type.</summary>
    private static long Number(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static void AddWriteParameters(MySqlParameterCollection parameters, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<UncommittedEvent> events, bool delete)
    {
        int count = events.Count;
        parameters.AddWithValue("@s", streamId);
        parameters.AddWithValue("@n", count);
        parameters.AddWithValue("@e", expectedVersion.Value);
        parameters.AddWithValue("@d", delete);
        for (int i = 0; i < count; i++)
        {
            var e = events[i];
            string k = i.ToString(CultureInfo.InvariantCulture);
            parameters.AddWithValue("@i" + k, e.EventId);
            parameters.AddWithValue("@t" + k, e.EventType);
            parameters.AddWithValue("@sv" + k, e.SchemaVersion);
            parameters.AddWithValue("@x" + k, e.Data);
            parameters.AddWithValue("@c" + k, e.Metadata.CorrelationId);
            parameters.AddWithValue("@ca" + k, e.Metadata.CausationId);
            parameters.AddWithValue("@u" + k, e.Metadata.UserId);
            parameters.AddWithValue("@ts" + k, e.Timestamp.UtcDateTime);
        }
    }

    private static async ValueTask ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new MySqlCommand(sql, connection);
        await using var commandScope = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask RollbackAsync(MySqlConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // A broken connection has no transaction left; the pool discards it.
        }
        catch (InvalidOperationException)
        {
        }
    }
}
