using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.Sqlite.Ledger;

/// <summary>The intent log in a SQLite file (embedded mode). Times are Unix milliseconds from the caller's clock.</summary>
internal sealed class SqliteWriteLedger : IWriteLedger, IDisposable
{
    private const string IntentColumns = "i.write_id, i.record_type, i.record_key, i.payload, i.payload_hash, i.policy, i.compensation_required, i.created_at";
    private const string LegColumns = "l.target, l.state, l.attempts, l.next_attempt_at, l.last_error";
    private readonly SqliteDatabase _database;
    private readonly string _intents;
    private readonly string _legs;

    public SqliteWriteLedger(SqliteLedgerOptions options)
    {
        _database = new SqliteDatabase(options.Path);
        _intents = options.TablePrefix + "intents";
        _legs = options.TablePrefix + "legs";
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (connection, transaction) => ExecuteAsync(connection, transaction, $"""
                CREATE TABLE IF NOT EXISTS "{_intents}" (
                  write_id TEXT NOT NULL PRIMARY KEY,
                  record_type TEXT NOT NULL,
                  record_key TEXT NOT NULL,
                  payload TEXT NOT NULL,
                  payload_hash TEXT NOT NULL,
                  policy INTEGER NOT NULL,
                  compensation_required INTEGER NOT NULL DEFAULT 0,
                  created_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS "{_legs}" (
                  write_id TEXT NOT NULL,
                  target TEXT NOT NULL,
                  state INTEGER NOT NULL,
                  attempts INTEGER NOT NULL,
                  next_attempt_at INTEGER NOT NULL,
                  lease_owner TEXT NULL,
                  lease_until INTEGER NULL,
                  last_error TEXT NULL,
                  PRIMARY KEY (write_id, target)
                );
                CREATE INDEX IF NOT EXISTS "ix_{_legs}_due" ON "{_legs}" (state, next_attempt_at);
                CREATE INDEX IF NOT EXISTS "ix_{_legs}_lease" ON "{_legs}" (lease_owner);
                """, null, cancellationToken),
            cancellationToken);

    public async Task<WriteIntent?> TryCreateAsync(WriteIntent intent, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        bool created = await _database.WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    INSERT INTO "{_intents}" (write_id, record_type, record_key, payload, payload_hash, policy, compensation_required, created_at)
                    VALUES (@id, @type, @key, @payload, @hash, @policy, 0, @at) ON CONFLICT (write_id) DO NOTHING;
                    SELECT changes();
                    """;
                command.Parameters.AddWithValue("@id", intent.WriteId.ToString("D"));
                command.Parameters.AddWithValue("@type", intent.RecordType);
                command.Parameters.AddWithValue("@key", intent.Key);
                command.Parameters.AddWithValue("@payload", intent.PayloadJson);
                command.Parameters.AddWithValue("@hash", intent.PayloadHash);
                command.Parameters.AddWithValue("@policy", (int)intent.Policy);
                command.Parameters.AddWithValue("@at", intent.CreatedAt.ToUnixTimeMilliseconds());
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
                {
                    return false;
                }

                using SqliteCommand legs = connection.CreateCommand();
                legs.Transaction = transaction;
                legs.CommandText = $"INSERT INTO \"{_legs}\" (write_id, target, state, attempts, next_attempt_at, lease_owner, lease_until) VALUES (@id, @target, 0, 0, @at, @owner, @until)";
                legs.Parameters.AddWithValue("@id", intent.WriteId.ToString("D"));
                SqliteParameter target = legs.Parameters.Add("@target", SqliteType.Text);
                legs.Parameters.AddWithValue("@at", intent.CreatedAt.ToUnixTimeMilliseconds());
                legs.Parameters.AddWithValue("@owner", leaseOwner);
                legs.Parameters.AddWithValue("@until", leaseUntil.ToUnixTimeMilliseconds());
                foreach (LegEntry leg in intent.Legs)
                {
                    target.Value = leg.Target;
                    await legs.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
        return created ? null : await GetAsync(intent.WriteId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteIntent?> GetAsync(Guid writeId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {IntentColumns}, {LegColumns}, NULL FROM \"{_intents}\" i JOIN \"{_legs}\" l ON l.write_id = i.write_id WHERE i.write_id = @id ORDER BY l.target";
        command.Parameters.AddWithValue("@id", writeId.ToString("D"));
        List<(WriteIntent Intent, List<string> Claimed)> rows = await ReadAsync(command, null, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].Intent;
    }

    public Task UpdateLegsAsync(Guid writeId, IReadOnlyList<LegUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return Task.CompletedTask;
        }

        var sql = new StringBuilder();
        var parameters = new List<(string, object?)> { ("@id", writeId.ToString("D")) };
        for (int i = 0; i < updates.Count; i++)
        {
            LegUpdate u = updates[i];
            sql.Append(CultureInfo.InvariantCulture, $"UPDATE \"{_legs}\" SET state = @s{i}, attempts = @a{i}, next_attempt_at = @n{i}, last_error = @e{i}, lease_owner = NULL, lease_until = NULL WHERE write_id = @id AND target = @t{i} AND state = @x{i};");
            parameters.Add(("@s" + i, (int)u.State));
            parameters.Add(("@a" + i, u.Attempts));
            parameters.Add(("@n" + i, u.NextAttemptAt.ToUnixTimeMilliseconds()));
            parameters.Add(("@e" + i, u.LastError));
            parameters.Add(("@t" + i, u.Target));
            parameters.Add(("@x" + i, (int)u.ExpectedState));
        }

        return _database.WriteAsync((connection, transaction) => ExecuteAsync(connection, transaction, sql.ToString(), parameters, cancellationToken), cancellationToken);
    }

    public async Task<WriteIntent?> MarkCompensatingAsync(Guid writeId, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await _database.WriteAsync(
            (connection, transaction) => ExecuteAsync(connection, transaction, $"""
                UPDATE "{_intents}" SET compensation_required = 1 WHERE write_id = @id;
                UPDATE "{_legs}" SET state = {(int)LegState.Compensating}, next_attempt_at = @until, lease_owner = @owner, lease_until = @until
                WHERE write_id = @id AND state <> {(int)LegState.Compensated};
                """, [("@id", writeId.ToString("D")), ("@owner", leaseOwner), ("@until", leaseUntil.ToUnixTimeMilliseconds())], cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return await GetAsync(writeId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LegClaim>> ClaimDueAsync(string leaseOwner, DateTimeOffset now, TimeSpan leaseDuration, int maxLegs, CancellationToken cancellationToken)
    {
        string token = leaseOwner + ":" + Guid.NewGuid().ToString("N");
        List<(WriteIntent Intent, List<string> Claimed)> rows = await _database.WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    UPDATE "{_legs}" SET lease_owner = @token, lease_until = @until
                    WHERE rowid IN (
                      SELECT rowid FROM "{_legs}"
                      WHERE state IN ({(int)LegState.Pending}, {(int)LegState.Compensating}) AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                      ORDER BY next_attempt_at LIMIT @max);
                    SELECT {IntentColumns}, {LegColumns}, l.lease_owner FROM "{_intents}" i JOIN "{_legs}" l ON l.write_id = i.write_id
                    WHERE i.write_id IN (SELECT write_id FROM "{_legs}" WHERE lease_owner = @token) ORDER BY i.write_id, l.target;
                    """;
                command.Parameters.AddWithValue("@token", token);
                command.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("@until", (now + leaseDuration).ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("@max", maxLegs);
                return await ReadAsync(command, token, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return [.. rows.SelectMany(r => r.Claimed.Select(t => new LegClaim(r.Intent, r.Intent.Legs.First(l => l.Target == t))))];
    }

    public async Task<IReadOnlyList<WriteIntent>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {IntentColumns}, {LegColumns}, NULL
            FROM (SELECT * FROM "{_intents}" WHERE write_id BETWEEN @from AND @to ORDER BY write_id LIMIT @limit) i
            JOIN "{_legs}" l ON l.write_id = i.write_id ORDER BY i.write_id, l.target
            """;
        command.Parameters.AddWithValue("@from", fromInclusive.ToString("D"));
        command.Parameters.AddWithValue("@to", toInclusive.ToString("D"));
        command.Parameters.AddWithValue("@limit", limit);
        return [.. (await ReadAsync(command, null, cancellationToken).ConfigureAwait(false)).Select(r => r.Intent)];
    }

    public async Task<LedgerCounts> CountAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT state, COUNT(*) FROM \"{_legs}\" WHERE state IN ({(int)LegState.Pending}, {(int)LegState.DeadLettered}, {(int)LegState.Compensating}) GROUP BY state";
        long pending = 0, dead = 0, compensating = 0;
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long count = reader.GetInt64(1);
            switch ((LegState)reader.GetInt32(0))
            {
                case LegState.Pending: pending = count; break;
                case LegState.DeadLettered: dead = count; break;
                default: compensating = count; break;
            }
        }

        return new LedgerCounts(pending, compensating, dead);
    }

    public void Dispose() => _database.Dispose();

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, IEnumerable<(string Name, object? Value)>? parameters, CancellationToken cancellationToken)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters ?? [])
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<(WriteIntent Intent, List<string> Claimed)>> ReadAsync(SqliteCommand command, string? token, CancellationToken cancellationToken)
    {
        var result = new List<(WriteIntent, List<string>)>();
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        object[]? head = null;
        var legs = new List<LegEntry>();
        var claimed = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string id = reader.GetString(0);
            if (head is null || (string)head[0] != id)
            {
                if (head is not null)
                {
                    result.Add((ToIntent(head, legs), claimed));
                }

                head = new object[8];
                for (int c = 0; c < 8; c++)
                {
                    head[c] = reader.GetValue(c);
                }

                legs = [];
                claimed = [];
            }

            string target = reader.GetString(8);
            legs.Add(new LegEntry(
                target,
                (LegState)reader.GetInt32(9),
                reader.GetInt32(10),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
            if (token is not null && !reader.IsDBNull(13) && reader.GetString(13) == token)
            {
                claimed.Add(target);
            }
        }

        if (head is not null)
        {
            result.Add((ToIntent(head, legs), claimed));
        }

        return result;
    }

    private static WriteIntent ToIntent(object[] v, List<LegEntry> legs) => new(
        Guid.Parse((string)v[0]),
        (string)v[1],
        (string)v[2],
        (string)v[3],
        (string)v[4],
        (ConsistencyPolicy)Convert.ToInt32(v[5], CultureInfo.InvariantCulture),
        Convert.ToInt64(v[6], CultureInfo.InvariantCulture) != 0,
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(v[7], CultureInfo.InvariantCulture)),
        legs);
}
