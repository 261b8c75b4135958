using System.Collections.Concurrent;
using System.Data;
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
/// Stores events in MySQL or MariaDB. An append is one READ COMMITTED transaction of three round trips: lock (or
/// create) the stream row; allocate the positions from the store's position row, insert the events with one
/// multi-row INSERT and update the stream row; commit. The position row stays locked until COMMIT, so positions
/// are gap-free and commit in increasing order: a reader that continues after the last position it saw never
/// skips an event that commits late. MariaDB exposes no transaction snapshot to do better.
/// </summary>
public sealed class MySqlEventStoreProvider : IEventStoreProvider, IAsyncDisposable, IDisposable
{
    private const string RowColumns = "(LAST_INSERT_ID() - @n + {0}, @s, @cur + {0}, @i{1}, @t{1}, @sv{1}, @x{1}, @c{1}, @ca{1}, @u{1}, @ts{1})";
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
        _dataSource = new MySqlDataSource(options.ConnectionString);
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

    private static string BuildWriteSql(MySqlStatements statements, int count)
    {
        var sql = new StringBuilder(statements.AllocatePositions.Length + 120 + (count * 90));
        sql.Append(statements.AllocatePositions).Append(statements.InsertEventsPrefix);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sql.Append(',');
            }

            sql.AppendFormat(CultureInfo.InvariantCulture, RowColumns, i + 1, i);
        }

        return sql.Append(';').Append(statements.UpdateStream).Append(statements.LastPosition).ToString();
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
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        long current = await LockStreamAsync(connection, transaction, streamId, cancellationToken).ConfigureAwait(false);
        if (!expectedVersion.IsSatisfiedBy(current))
        {
            throw new WrongExpectedVersionException(streamId, expectedVersion, current);
        }

        int count = events.Count;
        var command = new MySqlCommand(_writeSql.GetOrAdd(count, static (n, s) => BuildWriteSql(s, n), Statements), connection, transaction);
        await using var commandScope = command.ConfigureAwait(false);
        var parameters = command.Parameters;
        parameters.AddWithValue("@s", streamId);
        parameters.AddWithValue("@n", count);
        parameters.AddWithValue("@cur", current);
        parameters.AddWithValue("@v", current + count);
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

        long position;
        try
        {
            position = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            // The stream row is locked, so (stream_id, version) cannot collide: the violated key is the event id.
            throw new DuplicateEventIdException(streamId, count == 1 ? events[0].EventId : null, ex);
        }

        if (BeforeCommit is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AppendResult(current + count, position);
    }

    /// <summary>Creates the stream row when missing and locks it; returns its version (0 when new) or throws when deleted.</summary>
    private async ValueTask<long> LockStreamAsync(MySqlConnection connection, MySqlTransaction transaction, string streamId, CancellationToken cancellationToken)
    {
        var command = new MySqlCommand(Statements.LockStream, connection, transaction);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("@s", streamId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reader.GetBoolean(1))
        {
            throw new StreamDeletedException(streamId);
        }

        return reader.GetInt64(0);
    }
}
