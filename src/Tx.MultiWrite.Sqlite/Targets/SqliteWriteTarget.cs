using Microsoft.Data.Sqlite;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Sqlite.Targets;

/// <summary>
/// The SQLite leg: <c>INSERT … ON CONFLICT (write_id) DO NOTHING</c> plus an audit row, in one transaction;
/// a tombstone is <c>ON CONFLICT (write_id) DO UPDATE SET tombstone = 1</c>.
/// </summary>
internal sealed class SqliteWriteTarget : IWriteTarget, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly string _table;
    private readonly string _audit;
    private int _inFlight;

    public SqliteWriteTarget(string name, SqliteTargetOptions options)
    {
        Name = name;
        _database = new SqliteDatabase(options.Path);
        _table = options.TableName;
        _audit = options.AuditTableName;
    }

    public string Name { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    CREATE TABLE IF NOT EXISTS "{_table}" (
                      write_id TEXT NOT NULL PRIMARY KEY,
                      record_type TEXT NOT NULL,
                      record_key TEXT NOT NULL,
                      payload TEXT NOT NULL,
                      payload_hash TEXT NOT NULL,
                      tombstone INTEGER NOT NULL DEFAULT 0,
                      created_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX IF NOT EXISTS "ix_{_table}_key" ON "{_table}" (record_type, record_key);
                    CREATE TABLE IF NOT EXISTS "{_audit}" (
                      write_id TEXT NOT NULL,
                      database_name TEXT NOT NULL,
                      status TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      PRIMARY KEY (write_id, database_name, status)
                    ) WITHOUT ROWID;
                    """;
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public async Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await _database.WriteAsync(
                async (connection, transaction) =>
                {
                    using SqliteCommand command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = $"""
                        INSERT INTO "{_table}" (write_id, record_type, record_key, payload, payload_hash, tombstone, created_at)
                        VALUES (@id, @type, @key, @payload, @hash, 0, @at) ON CONFLICT (write_id) DO NOTHING;
                        INSERT OR IGNORE INTO "{_audit}" (write_id, database_name, status, created_at) SELECT @id, @db, 'success', @at WHERE changes() = 1;
                        SELECT changes(), tombstone FROM "{_table}" WHERE write_id = @id;
                        """;
                    AddRecord(command, record);
                    command.Parameters.AddWithValue("@db", Name);
                    using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException($"Write {record.WriteId} is not in {_table} after its insert.");
                    }

                    return reader.GetInt64(0) == 1 ? TargetWriteOutcome.Written
                        : reader.GetInt64(1) != 0 ? TargetWriteOutcome.Tombstoned
                        : TargetWriteOutcome.AlreadyPresent;
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task TombstoneAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await _database.WriteAsync(
                async (connection, transaction) =>
                {
                    using SqliteCommand command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = $"""
                        INSERT INTO "{_table}" (write_id, record_type, record_key, payload, payload_hash, tombstone, created_at)
                        VALUES (@id, @type, @key, @payload, @hash, 1, @at) ON CONFLICT (write_id) DO UPDATE SET tombstone = 1;
                        INSERT OR IGNORE INTO "{_audit}" (write_id, database_name, status, created_at) VALUES (@id, @db, 'tombstoned', @at);
                        """;
                    AddRecord(command, record);
                    command.Parameters.AddWithValue("@db", Name);
                    return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadAsync(IReadOnlyCollection<Guid> writeIds, CancellationToken cancellationToken)
    {
        if (writeIds.Count == 0)
        {
            return [];
        }

        using SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        var names = new List<string>(writeIds.Count);
        int i = 0;
        foreach (Guid id in writeIds)
        {
            string p = "@p" + i++;
            names.Add(p);
            command.Parameters.AddWithValue(p, id.ToString("D"));
        }

        command.CommandText = $"SELECT write_id, record_type, record_key, payload, tombstone FROM \"{_table}\" WHERE write_id IN ({string.Join(", ", names)})";
        return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT write_id, record_type, record_key, payload, tombstone FROM \"{_table}\" WHERE write_id BETWEEN @from AND @to ORDER BY write_id LIMIT @limit";
        command.Parameters.AddWithValue("@from", fromInclusive.ToString("D"));
        command.Parameters.AddWithValue("@to", toInclusive.ToString("D"));
        command.Parameters.AddWithValue("@limit", limit);
        return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public PoolStatistics? GetPoolStatistics() => new() { Borrowed = Volatile.Read(ref _inFlight), Pending = _database.WritersWaiting };

    public void Dispose() => _database.Dispose();

    private static void AddRecord(SqliteCommand command, TargetRecord record)
    {
        command.Parameters.AddWithValue("@id", record.WriteId.ToString("D"));
        command.Parameters.AddWithValue("@type", record.RecordType);
        command.Parameters.AddWithValue("@key", record.Key);
        command.Parameters.AddWithValue("@payload", record.PayloadJson);
        command.Parameters.AddWithValue("@hash", record.PayloadHash);
        command.Parameters.AddWithValue("@at", record.CreatedAt.ToUnixTimeMilliseconds());
    }

    private static async Task<IReadOnlyList<StoredRecord>> ReadRecordsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var records = new List<StoredRecord>();
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string type = reader.GetString(1);
            string key = reader.GetString(2);
            records.Add(new StoredRecord(Guid.Parse(reader.GetString(0)), type, key, RecordHash.Compute(type, key, reader.GetString(3)), reader.GetInt64(4) != 0));
        }

        return records;
    }
}
