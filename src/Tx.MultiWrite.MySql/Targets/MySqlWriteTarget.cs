using System.Data;
using MySqlConnector;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.MySql.Targets;

/// <summary>
/// The MySQL leg. A write is <c>INSERT … ON DUPLICATE KEY UPDATE write_id = write_id</c> (insert-if-absent: with
/// <c>UseAffectedRows=true</c> a duplicate reports 0 rows) plus a <c>write_audit</c> row, in one local transaction.
/// A tombstone is an upsert that sets <c>tombstone = 1</c>, so a late insert finds the row and does nothing.
/// </summary>
internal sealed class MySqlWriteTarget : IWriteTarget, IDisposable
{
    private readonly MySqlDataSource _dataSource;
    private readonly MySqlConnectionStringBuilder _settings;
    private readonly string _table;
    private readonly string _audit;
    private int _inFlight;

    public MySqlWriteTarget(string name, MySqlTargetOptions options)
    {
        Name = name;
        _settings = new MySqlConnectionStringBuilder(options.ConnectionString) { UseAffectedRows = true, GuidFormat = MySqlGuidFormat.None };
        _dataSource = new MySqlDataSource(_settings.ConnectionString);
        _table = options.TableName;
        _audit = options.AuditTableName;
    }

    public string Name { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE IF NOT EXISTS `{_table}` (
              write_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
              record_type VARCHAR(100) NOT NULL,
              record_key VARCHAR(200) NOT NULL,
              payload LONGTEXT NOT NULL,
              payload_hash CHAR(64) CHARACTER SET ascii NOT NULL,
              tombstone TINYINT(1) NOT NULL DEFAULT 0,
              created_at DATETIME(6) NOT NULL,
              KEY ix_{_table}_key (record_type, record_key)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
            CREATE TABLE IF NOT EXISTS `{_audit}` (
              write_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
              database_name VARCHAR(50) NOT NULL,
              status VARCHAR(20) NOT NULL,
              created_at DATETIME(6) NOT NULL,
              PRIMARY KEY (write_id, database_name, status)
            ) ENGINE=InnoDB;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            MySqlTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            using MySqlCommand insert = new($"""
                INSERT INTO `{_table}` (write_id, record_type, record_key, payload, payload_hash, tombstone, created_at)
                VALUES (@id, @type, @key, @payload, @hash, 0, @at)
                ON DUPLICATE KEY UPDATE write_id = write_id
                """, connection, transaction);
            AddRecord(insert, record);
            int inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            TargetWriteOutcome outcome;
            if (inserted == 1)
            {
                using MySqlCommand audit = new($"INSERT INTO `{_audit}` (write_id, database_name, status, created_at) VALUES (@id, @db, 'success', @at) ON DUPLICATE KEY UPDATE write_id = write_id", connection, transaction);
                audit.Parameters.AddWithValue("@id", record.WriteId.ToString("D"));
                audit.Parameters.AddWithValue("@db", Name);
                audit.Parameters.AddWithValue("@at", record.CreatedAt.UtcDateTime);
                await audit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                outcome = TargetWriteOutcome.Written;
            }
            else
            {
                using MySqlCommand read = new($"SELECT tombstone FROM `{_table}` WHERE write_id = @id", connection, transaction);
                read.Parameters.AddWithValue("@id", record.WriteId.ToString("D"));
                object? tombstone = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                outcome = Convert.ToBoolean(tombstone, System.Globalization.CultureInfo.InvariantCulture) ? TargetWriteOutcome.Tombstoned : TargetWriteOutcome.AlreadyPresent;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return outcome;
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
            MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            MySqlTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            using MySqlCommand command = new($"""
                INSERT INTO `{_table}` (write_id, record_type, record_key, payload, payload_hash, tombstone, created_at)
                VALUES (@id, @type, @key, @payload, @hash, 1, @at)
                ON DUPLICATE KEY UPDATE tombstone = 1;
                INSERT INTO `{_audit}` (write_id, database_name, status, created_at) VALUES (@id, @db, 'tombstoned', @at)
                ON DUPLICATE KEY UPDATE write_id = write_id;
                """, connection, transaction);
            AddRecord(command, record);
            command.Parameters.AddWithValue("@db", Name);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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

        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = connection.CreateCommand();
        var names = new List<string>(writeIds.Count);
        int i = 0;
        foreach (Guid id in writeIds)
        {
            string p = "@p" + i++;
            names.Add(p);
            command.Parameters.AddWithValue(p, id.ToString("D"));
        }

        command.CommandText = $"SELECT write_id, record_type, record_key, payload, tombstone FROM `{_table}` WHERE write_id IN ({string.Join(", ", names)})";
        return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = new($"SELECT write_id, record_type, record_key, payload, tombstone FROM `{_table}` WHERE write_id BETWEEN @from AND @to ORDER BY write_id LIMIT @limit", connection);
        command.Parameters.AddWithValue("@from", fromInclusive.ToString("D"));
        command.Parameters.AddWithValue("@to", toInclusive.ToString("D"));
        command.Parameters.AddWithValue("@limit", limit);
        return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public PoolStatistics? GetPoolStatistics() => new()
    {
        // MySqlConnector exposes pool figures only as metrics; the configured bounds and our in-flight count are known here.
        Borrowed = Volatile.Read(ref _inFlight),
        Max = (int)_settings.MaximumPoolSize,
        Min = (int)_settings.MinimumPoolSize,
    };

    public void Dispose() => _dataSource.Dispose();

    private static void AddRecord(MySqlCommand command, TargetRecord record)
    {
        command.Parameters.AddWithValue("@id", record.WriteId.ToString("D"));
        command.Parameters.AddWithValue("@type", record.RecordType);
        command.Parameters.AddWithValue("@key", record.Key);
        command.Parameters.AddWithValue("@payload", record.PayloadJson);
        command.Parameters.AddWithValue("@hash", record.PayloadHash);
        command.Parameters.AddWithValue("@at", record.CreatedAt.UtcDateTime);
    }

    private static async Task<IReadOnlyList<StoredRecord>> ReadRecordsAsync(MySqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<StoredRecord>();
        MySqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string type = reader.GetString(1);
            string key = reader.GetString(2);
            records.Add(new StoredRecord(Guid.Parse(reader.GetString(0)), type, key, RecordHash.Compute(type, key, reader.GetString(3)), reader.GetBoolean(4)));
        }

        return records;
    }
}
