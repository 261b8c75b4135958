using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Tx.EventStore.Sqlite;

/// <summary>
/// One SQLite database: the single writer connection (with its prepared statements) behind an async lock,
/// pooled reader connections, and the schema created once.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteEventStoreOptions _options;
    private readonly string _connectionString;
    private SqliteConnection? _writer;
    private volatile bool _schemaReady;

    public SqliteDatabase(SqliteEventStoreOptions options)
    {
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true }.ToString();
        Sql = new SqliteSql(options.TablePrefix);
    }

    public SqliteSql Sql { get; }

    public SqliteCommand? InsertEvent { get; private set; }

    public SqliteCommand? SelectStream { get; private set; }

    public SqliteCommand? UpsertStream { get; private set; }

    public static byte[] Bytes(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    public async ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CreateSchema(Writer());
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in an immediate (write-locked) transaction on the writer connection.</summary>
    public async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = Writer();
            if (!_schemaReady && _options.AutoCreateSchema)
            {
                CreateSchema(connection);
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Opens a pooled reader connection (WAL: readers see committed transactions only and never block the writer).</summary>
    public async ValueTask<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady && _options.AutoCreateSchema)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        InsertEvent?.Dispose();
        SelectStream?.Dispose();
        UpsertStream?.Dispose();
        _writer?.Dispose();
        _writeLock.Dispose();
    }

    private SqliteConnection Writer()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(_options.DurableCommits ? "FULL" : "NORMAL")};");
            pragma.ExecuteNonQuery();
        }

        _writer = connection;
        return connection;
    }

    private void CreateSchema(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql.Schema;
            command.ExecuteNonQuery();
        }

        if (InsertEvent is null)
        {
            InsertEvent = Prepare(connection, Sql.InsertEvent, "$stream", "$version", "$id", "$type", "$schema", "$data", "$correlation", "$causation", "$user", "$created");
            SelectStream = Prepare(connection, Sql.SelectStream, "$stream");
            UpsertStream = Prepare(connection, Sql.UpsertStream, "$stream", "$version", "$deleted");
        }

        _schemaReady = true;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
