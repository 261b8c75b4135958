using System.Data;
using Npgsql;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Spanner.Targets;

/// <summary>
/// The Spanner leg, in the SQL subset Spanner's PostgreSQL interface accepts (so the same code runs on
/// PostgreSQL): serializable transactions only, no savepoints, client-generated keys (the write id),
/// <c>ON CONFLICT (full primary key) DO NOTHING</c> or <c>DO UPDATE SET c = excluded.c</c>, DML-only batches.
/// Aborted transactions (SQLSTATE 40001) are re-run: every statement is idempotent.
/// </summary>
internal sealed class SpannerWriteTarget : IWriteTarget, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly SpannerTargetOptions _options;
    private readonly string _table;
    private readonly string _audit;
    private int _inFlight;

    public SpannerWriteTarget(string name, SpannerTargetOptions options)
    {
        Name = name;
        _options = options;
        _settings = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(_settings);
        _table = options.TableName;
        _audit = options.AuditTableName;
    }

    public string Name { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        foreach (string ddl in (string[])[
            $"""
            CREATE TABLE IF NOT EXISTS {_table} (
              write_id varchar(36) NOT NULL PRIMARY KEY,
              record_type varchar(100) NOT NULL,
              record_key varchar(200) NOT NULL,
              payload text NOT NULL,
              payload_hash varchar(64) NOT NULL,
              tombstone boolean NOT NULL,
              created_at timestamptz NOT NULL
            )
            """,
            $"""
            CREATE TABLE IF NOT EXISTS {_audit} (
              write_id varchar(36) NOT NULL,
              database_name varchar(50) NOT NULL,
              status varchar(20) NOT NULL,
              created_at timestamptz NOT NULL,
              PRIMARY KEY (write_id, database_name, status)
            )
            """])
        {
            using var command = new NpgsqlCommand(ddl, connection);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Two processes created the table at once (PostgreSQL's IF NOT EXISTS is not race-free).
            }
        }
    }

    public Task<TargetWriteOutcome> WriteAsync(TargetRecord record, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                using var insert = new NpgsqlCommand(
                    $"INSERT INTO {_table} (write_id, record_type, record_key, payload, payload_hash, tombstone, created_at) VALUES ($1, $2, $3, $4, $5, false, $6) ON CONFLICT (write_id) DO NOTHING",
                    connection,
                    transaction);
                AddRecord(insert, record);
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    using var audit = new NpgsqlCommand(
                        $"INSERT INTO {_audit} (write_id, database_name, status, created_at) VALUES ($1, $2, 'success', $3) ON CONFLICT (write_id, database_name, status) DO NOTHING",
                        connection,
                        transaction);
                    audit.Parameters.Add(new NpgsqlParameter { Value = record.WriteId.ToString("D") });
                    audit.Parameters.Add(new NpgsqlParameter { Value = Name });
                    audit.Parameters.Add(new NpgsqlParameter { Value = record.CreatedAt.UtcDateTime });
                    await audit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    return TargetWriteOutcome.Written;
                }

                using var read = new NpgsqlCommand($"SELECT tombstone FROM {_table} WHERE write_id = $1", connection, transaction);
                read.Parameters.Add(new NpgsqlParameter { Value = record.WriteId.ToString("D") });
                return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true ? TargetWriteOutcome.Tombstoned : TargetWriteOutcome.AlreadyPresent;
            },
            cancellationToken);

    public Task TombstoneAsync(TargetRecord record, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async (connection, transaction) =>
            {
                // A DML-only batch: one round trip, accepted by Spanner.
                using var batch = new NpgsqlBatch(connection, transaction);
                var upsert = new NpgsqlBatchCommand($"INSERT INTO {_table} (write_id, record_type, record_key, payload, payload_hash, tombstone, created_at) VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (write_id) DO UPDATE SET tombstone = excluded.tombstone");
                upsert.Parameters.Add(new NpgsqlParameter { Value = record.WriteId.ToString("D") });
                upsert.Parameters.Add(new NpgsqlParameter { Value = record.RecordType });
                upsert.Parameters.Add(new NpgsqlParameter { Value = record.Key });
                upsert.Parameters.Add(new NpgsqlParameter { Value = record.PayloadJson });
                upsert.Parameters.Add(new NpgsqlParameter { Value = record.PayloadHash });
                upsert.Parameters.Add(new NpgsqlParameter { Value = record.CreatedAt.UtcDateTime });
                var audit = new NpgsqlBatchCommand($"INSERT INTO {_audit} (write_id, database_name, status, created_at) VALUES ($1, $2, 'tombstoned', $3) ON CONFLICT (write_id, database_name, status) DO NOTHING");
                audit.Parameters.Add(new NpgsqlParameter { Value = record.WriteId.ToString("D") });
                audit.Parameters.Add(new NpgsqlParameter { Value = Name });
                audit.Parameters.Add(new NpgsqlParameter { Value = record.CreatedAt.UtcDateTime });
                batch.BatchCommands.Add(upsert);
                batch.BatchCommands.Add(audit);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return TargetWriteOutcome.Tombstoned;
            },
            cancellationToken);

    public async Task<IReadOnlyList<StoredRecord>> ReadAsync(IReadOnlyCollection<Guid> writeIds, CancellationToken cancellationToken)
    {
        if (writeIds.Count == 0)
        {
            return [];
        }

        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(string.Empty, connection);
        var names = new List<string>(writeIds.Count);
        foreach (Guid id in writeIds)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id.ToString("D") });
            names.Add("$" + command.Parameters.Count);
        }

        command.CommandText = $"SELECT write_id, record_type, record_key, payload, tombstone FROM {_table} WHERE write_id IN ({string.Join(", ", names)})";
        return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredRecord>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);

        // Ids are lower-case hex with dashes at fixed places: every collation orders them like their bytes.
        using var command = new NpgsqlCommand($"SELECT write_id, record_type, record_key, payload, tombstone FROM {_table} WHERE write_id >= $1 AND write_id <= $2 ORDER BY write_id LIMIT $3", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = fromInclusive.ToString("D") });
        command.Parameters.Add(new NpgsqlParameter { Value = toInclusive.ToString("D") });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)limit });
        return await ReadRecordsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public PoolStatistics? GetPoolStatistics() => new()
    {
        // Npgsql exposes pool figures only as metrics; the configured bounds and our in-flight count are known here.
        Borrowed = Volatile.Read(ref _inFlight),
        Max = _settings.MaxPoolSize,
        Min = _settings.MinPoolSize,
    };

    public void Dispose() => _dataSource.Dispose();

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    await using var connectionScope = connection.ConfigureAwait(false);
                    NpgsqlTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
                    await using var transactionScope = transaction.ConfigureAwait(false);
                    T result = await work(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.SerializationFailure && attempt < _options.AbortRetries)
                {
                    // Aborted (Spanner) or a serialization failure (PostgreSQL): re-run, the statements are idempotent.
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void AddRecord(NpgsqlCommand command, TargetRecord record)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = record.WriteId.ToString("D") });
        command.Parameters.Add(new NpgsqlParameter { Value = record.RecordType });
        command.Parameters.Add(new NpgsqlParameter { Value = record.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = record.PayloadJson });
        command.Parameters.Add(new NpgsqlParameter { Value = record.PayloadHash });
        command.Parameters.Add(new NpgsqlParameter { Value = record.CreatedAt.UtcDateTime });
    }

    private static async Task<IReadOnlyList<StoredRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<StoredRecord>();
        NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
