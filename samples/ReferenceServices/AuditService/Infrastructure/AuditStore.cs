using System.Globalization;
using AuditService.Application;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts.Audit;

namespace AuditService.Infrastructure;

/// <summary>The audit log in SQLite: append-only (no API updates or deletes, and triggers refuse UPDATE and DELETE), each
/// entry chained to the one before by <see cref="AuditChain"/>. Appends are serialized through one writer connection; the
/// head (last sequence and hash) is cached. A message delivered again (same topic, partition, offset and timestamp) is
/// not appended twice.</summary>
public sealed class AuditStore : IDisposable
{
    /// <summary>The triggers that make the table append-only (public so a tamper test can put them back).</summary>
    public const string AppendOnlyTriggers = """
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        """;

    private const string Columns = "sequence, topic, partition, offset, key, event_type, aggregate_id, transaction_id, payload, occurred_at, recorded_at, previous_hash, hash";
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SqliteConnection _writeConnection;
    private (long Sequence, string Hash)? _head;

    public AuditStore(string connectionString, TimeProvider time)
    {
        _connectionString = connectionString;
        _time = time;
        _writeConnection = Open();
        using SqliteCommand command = _writeConnection.CreateCommand();
        command.CommandText = $"""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS audit_entries (
                sequence INTEGER PRIMARY KEY, topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL, key TEXT NULL,
                event_type TEXT NULL, aggregate_id TEXT NULL, transaction_id TEXT NULL, payload TEXT NOT NULL,
                occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL,
                UNIQUE (topic, partition, offset, occurred_at));
            CREATE INDEX IF NOT EXISTS audit_entries_aggregate ON audit_entries (aggregate_id);
            CREATE INDEX IF NOT EXISTS audit_entries_transaction ON audit_entries (transaction_id);
            CREATE INDEX IF NOT EXISTS audit_entries_topic ON audit_entries (topic, sequence);
            {AppendOnlyTriggers}
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Appends the record at the head of the chain; returns false when it was already recorded.</summary>
    public async Task<bool> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        string occurredAt = record.OccurredAt.ToString("O", CultureInfo.InvariantCulture);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using (SqliteCommand seen = _writeConnection.CreateCommand())
            {
                seen.CommandText = "SELECT 1 FROM audit_entries WHERE topic = $topic AND partition = $partition AND offset = $offset AND occurred_at = $occurred";
                seen.Parameters.AddWithValue("$topic", record.Topic);
                seen.Parameters.AddWithValue("$partition", record.Partition);
                seen.Parameters.AddWithValue("$offset", record.Offset);
                seen.Parameters.AddWithValue("$occurred", occurredAt);
                if (await seen.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    return false;
                }
            }

            (long lastSequence, string lastHash) = _head ??= ReadHead();
            long sequence = lastSequence + 1;
            string recordedAt = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            string hash = AuditChain.Hash(lastHash, sequence, record.Topic, record.Partition, record.Offset, record.Key, record.EventType,
                record.AggregateId, record.TransactionId, record.Payload, occurredAt, recordedAt);
            using SqliteCommand insert = _writeConnection.CreateCommand();
            insert.CommandText = $"INSERT INTO audit_entries ({Columns}) VALUES ($seq, $topic, $partition, $offset, $key, $type, $aggregate, $tx, $payload, $occurred, $recorded, $previous, $hash)";
            insert.Parameters.AddWithValue("$seq", sequence);
            insert.Parameters.AddWithValue("$topic", record.Topic);
            insert.Parameters.AddWithValue("$partition", record.Partition);
            insert.Parameters.AddWithValue("$offset", record.Offset);
            insert.Parameters.AddWithValue("$key", (object?)record.Key ?? DBNull.Value);
            insert.Parameters.AddWithValue("$type", (object?)record.EventType ?? DBNull.Value);
            insert.Parameters.AddWithValue("$aggregate", (object?)record.AggregateId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$tx", (object?)record.TransactionId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$payload", record.Payload);
            insert.Parameters.AddWithValue("$occurred", occurredAt);
            insert.Parameters.AddWithValue("$recorded", recordedAt);
            insert.Parameters.AddWithValue("$previous", lastHash);
            insert.Parameters.AddWithValue("$hash", hash);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch
            {
                _head = null; // re-read the head next time
                throw;
            }

            _head = (sequence, hash);
            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Entries after sequence <paramref name="after"/>, oldest first; <paramref name="aggregateId"/> matches the
    /// aggregate or the transaction id.</summary>
    public async Task<AuditPage> ListAsync(string? topic, string? aggregateId, long after, int limit, CancellationToken cancellationToken)
    {
        List<string> where = ["sequence > $after"];
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit + 1);
        if (topic is not null)
        {
            where.Add("topic = $topic");
            command.Parameters.AddWithValue("$topic", topic);
        }

        if (aggregateId is not null)
        {
            where.Add("(aggregate_id = $aggregate OR transaction_id = $aggregate)");
            command.Parameters.AddWithValue("$aggregate", aggregateId);
        }

        command.CommandText = $"SELECT {Columns} FROM audit_entries WHERE {string.Join(" AND ", where)} ORDER BY sequence LIMIT $limit";
        List<AuditEntryDto> items = [];
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        long? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Sequence;
        }

        return new AuditPage(items, next);
    }

    public async Task<AuditEntryDto?> FindAsync(long sequence, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_entries WHERE sequence = $seq";
        command.Parameters.AddWithValue("$seq", sequence);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Walks the whole chain from sequence 1: each entry must follow the one before (no gap), link to its hash,
    /// and hash to what it stores. Reports the first entry where one of these fails.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_entries ORDER BY sequence";
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        string previous = AuditChain.Genesis;
        long expected = 1;
        long checkedCount = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            long sequence = reader.GetInt64(0);
            if (sequence != expected)
            {
                return new AuditVerification(false, checkedCount, expected, $"Entry {expected} is missing (next present is {sequence}).", null);
            }

            if (!string.Equals(reader.GetString(11), previous, StringComparison.Ordinal))
            {
                return new AuditVerification(false, checkedCount, sequence, "previous_hash does not match the hash of the entry before.", null);
            }

            string hash = AuditChain.Hash(previous, sequence, reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), Text(reader, 7), reader.GetString(8), reader.GetString(9), reader.GetString(10));
            if (!string.Equals(hash, reader.GetString(12), StringComparison.Ordinal))
            {
                return new AuditVerification(false, checkedCount, sequence, "The entry's content does not match its hash (altered).", null);
            }

            previous = hash;
            expected++;
            checkedCount++;
        }

        return new AuditVerification(true, checkedCount, null, null, previous);
    }

    public void Dispose()
    {
        _writeConnection.Dispose();
        _writer.Dispose();
    }

    private (long, string) ReadHead()
    {
        using SqliteCommand command = _writeConnection.CreateCommand();
        command.CommandText = "SELECT sequence, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1";
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }

    private static AuditEntryDto Read(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7),
            reader.GetString(8), DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture), reader.GetString(11), reader.GetString(12));

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }
}
