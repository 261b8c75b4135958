using System.Globalization;
using System.Text;
using MySqlConnector;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.MySql.Ledger;

/// <summary>
/// The intent log in MySQL. A new intent and its legs are committed in one round trip
/// (<c>START TRANSACTION; INSERT …; INSERT …; COMMIT</c>); claims are an
/// <c>UPDATE … ORDER BY next_attempt_at LIMIT n</c> that stamps a unique lease token, then a read by that token.
/// Times are Unix milliseconds from the caller's clock.
/// </summary>
internal sealed class MySqlWriteLedger : IWriteLedger, IDisposable
{
    private const string IntentColumns = "i.write_id, i.record_type, i.record_key, i.payload, i.payload_hash, i.policy, i.compensation_required, i.created_at";
    private const string LegColumns = "l.target, l.state, l.attempts, l.next_attempt_at, l.last_error";
    private readonly MySqlDataSource _dataSource;
    private readonly string _intents;
    private readonly string _legs;
    private readonly string?[] _createSql = new string?[9];

    public MySqlWriteLedger(MySqlLedgerOptions options)
    {
        var settings = new MySqlConnectionStringBuilder(options.ConnectionString) { UseAffectedRows = true, GuidFormat = MySqlGuidFormat.None };
        _dataSource = new MySqlDataSource(settings.ConnectionString);
        _intents = options.TablePrefix + "intents";
        _legs = options.TablePrefix + "legs";
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE IF NOT EXISTS `{_intents}` (
              write_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
              record_type VARCHAR(100) NOT NULL,
              record_key VARCHAR(200) NOT NULL,
              payload LONGTEXT NOT NULL,
              payload_hash CHAR(64) CHARACTER SET ascii NOT NULL,
              policy TINYINT NOT NULL,
              compensation_required TINYINT(1) NOT NULL DEFAULT 0,
              created_at BIGINT NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
            CREATE TABLE IF NOT EXISTS `{_legs}` (
              write_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
              target VARCHAR(50) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
              state TINYINT NOT NULL,
              attempts INT NOT NULL,
              next_attempt_at BIGINT NOT NULL,
              lease_owner VARCHAR(120) NULL,
              lease_until BIGINT NULL,
              last_error VARCHAR(1000) NULL,
              PRIMARY KEY (write_id, target),
              KEY ix_{_legs}_due (state, next_attempt_at),
              KEY ix_{_legs}_lease (lease_owner)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteIntent?> TryCreateAsync(WriteIntent intent, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = connection.CreateCommand();
        command.CommandText = intent.Legs.Count < _createSql.Length
            ? _createSql[intent.Legs.Count] ??= CreateSql(intent.Legs.Count)
            : CreateSql(intent.Legs.Count);
        for (int i = 0; i < intent.Legs.Count; i++)
        {
            command.Parameters.AddWithValue("@t" + i, intent.Legs[i].Target);
        }

        command.Parameters.AddWithValue("@id", intent.WriteId.ToString("D"));
        command.Parameters.AddWithValue("@type", intent.RecordType);
        command.Parameters.AddWithValue("@key", intent.Key);
        command.Parameters.AddWithValue("@payload", intent.PayloadJson);
        command.Parameters.AddWithValue("@hash", intent.PayloadHash);
        command.Parameters.AddWithValue("@policy", (int)intent.Policy);
        command.Parameters.AddWithValue("@at", intent.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@owner", leaseOwner);
        command.Parameters.AddWithValue("@until", leaseUntil.ToUnixTimeMilliseconds());
        int affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (affected == 1 + intent.Legs.Count)
        {
            return null;
        }

        return await GetAsync(intent.WriteId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Intent {intent.WriteId} was neither created nor found.");
    }

    public async Task<WriteIntent?> GetAsync(Guid writeId, CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = new($"SELECT {IntentColumns}, {LegColumns} FROM `{_intents}` i JOIN `{_legs}` l ON l.write_id = i.write_id WHERE i.write_id = @id ORDER BY l.target", connection);
        command.Parameters.AddWithValue("@id", writeId.ToString("D"));
        List<WriteIntent> intents = await ReadIntentsAsync(command, cancellationToken).ConfigureAwait(false);
        return intents.Count == 0 ? null : intents[0];
    }

    public async Task UpdateLegsAsync(Guid writeId, IReadOnlyList<LegUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }

        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = connection.CreateCommand();

        // Legs with the same outcome (the common case: every leg succeeded) share one UPDATE … target IN (…).
        var sql = new StringBuilder();
        var done = new bool[updates.Count];
        int p = 0;
        for (int i = 0; i < updates.Count; i++)
        {
            if (done[i])
            {
                continue;
            }

            LegUpdate u = updates[i];
            sql.Append(CultureInfo.InvariantCulture, $"UPDATE `{_legs}` SET state = @s{i}, attempts = @a{i}, next_attempt_at = @n{i}, last_error = @e{i}, lease_owner = NULL, lease_until = NULL WHERE write_id = @id AND state = @x{i} AND target IN (");
            command.Parameters.AddWithValue("@s" + i, (int)u.State);
            command.Parameters.AddWithValue("@a" + i, u.Attempts);
            command.Parameters.AddWithValue("@n" + i, u.NextAttemptAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("@e" + i, Truncate(u.LastError));
            command.Parameters.AddWithValue("@x" + i, (int)u.ExpectedState);
            for (int j = i; j < updates.Count; j++)
            {
                LegUpdate v = updates[j];
                if (!done[j] && v.State == u.State && v.ExpectedState == u.ExpectedState && v.Attempts == u.Attempts && v.NextAttemptAt == u.NextAttemptAt && v.LastError == u.LastError)
                {
                    done[j] = true;
                    sql.Append(CultureInfo.InvariantCulture, $"{(j == i ? string.Empty : ", ")}@t{p}");
                    command.Parameters.AddWithValue("@t" + p++, v.Target);
                }
            }

            sql.Append(");");
        }

        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("@id", writeId.ToString("D"));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteIntent?> MarkCompensatingAsync(Guid writeId, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using MySqlCommand command = new($"""
                START TRANSACTION;
                UPDATE `{_intents}` SET compensation_required = 1 WHERE write_id = @id;
                UPDATE `{_legs}` SET state = {(int)LegState.Compensating}, next_attempt_at = @until, lease_owner = @owner, lease_until = @until
                WHERE write_id = @id AND state <> {(int)LegState.Compensated};
                COMMIT;
                """, connection);
            command.Parameters.AddWithValue("@id", writeId.ToString("D"));
            command.Parameters.AddWithValue("@owner", leaseOwner);
            command.Parameters.AddWithValue("@until", leaseUntil.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await GetAsync(writeId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LegClaim>> ClaimDueAsync(string leaseOwner, DateTimeOffset now, TimeSpan leaseDuration, int maxLegs, CancellationToken cancellationToken)
    {
        string token = leaseOwner + ":" + Guid.NewGuid().ToString("N");
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = new($"""
            UPDATE `{_legs}` SET lease_owner = @token, lease_until = @until
            WHERE state IN ({(int)LegState.Pending}, {(int)LegState.Compensating}) AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY next_attempt_at LIMIT @max;
            SELECT {IntentColumns}, {LegColumns}, l.lease_owner FROM `{_legs}` c
            JOIN `{_intents}` i ON i.write_id = c.write_id
            JOIN `{_legs}` l ON l.write_id = c.write_id
            WHERE c.lease_owner = @token ORDER BY i.write_id, c.target, l.target;
            """, connection);
        command.Parameters.AddWithValue("@token", token);
        command.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@until", (now + leaseDuration).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@max", maxLegs);
        var claims = new List<LegClaim>();
        foreach ((WriteIntent intent, List<string> claimed) in await ReadClaimsAsync(command, token, cancellationToken).ConfigureAwait(false))
        {
            foreach (string target in claimed)
            {
                claims.Add(new LegClaim(intent, intent.Legs.First(l => l.Target == target)));
            }
        }

        return claims;
    }

    public async Task<IReadOnlyList<WriteIntent>> ScanAsync(Guid fromInclusive, Guid toInclusive, int limit, CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = new($"""
            SELECT {IntentColumns}, {LegColumns}
            FROM (SELECT * FROM `{_intents}` WHERE write_id BETWEEN @from AND @to ORDER BY write_id LIMIT @limit) i
            JOIN `{_legs}` l ON l.write_id = i.write_id ORDER BY i.write_id, l.target
            """, connection);
        command.Parameters.AddWithValue("@from", fromInclusive.ToString("D"));
        command.Parameters.AddWithValue("@to", toInclusive.ToString("D"));
        command.Parameters.AddWithValue("@limit", limit);
        return await ReadIntentsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LedgerCounts> CountAsync(CancellationToken cancellationToken)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using MySqlCommand command = new($"SELECT state, COUNT(*) FROM `{_legs}` WHERE state IN ({(int)LegState.Pending}, {(int)LegState.DeadLettered}, {(int)LegState.Compensating}) GROUP BY state", connection);
        long pending = 0, dead = 0, compensating = 0;
        MySqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
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

    public void Dispose() => _dataSource.Dispose();

    private string CreateSql(int legCount)
    {
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"""
            START TRANSACTION;
            INSERT INTO `{_intents}` (write_id, record_type, record_key, payload, payload_hash, policy, compensation_required, created_at)
            VALUES (@id, @type, @key, @payload, @hash, @policy, 0, @at) ON DUPLICATE KEY UPDATE write_id = write_id;
            INSERT INTO `{_legs}` (write_id, target, state, attempts, next_attempt_at, lease_owner, lease_until) VALUES
            """);
        for (int i = 0; i < legCount; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}(@id, @t{i}, 0, 0, @at, @owner, @until)");
        }

        sql.Append(" ON DUPLICATE KEY UPDATE write_id = write_id; COMMIT;");
        return sql.ToString();
    }

    private static string? Truncate(string? error) => error is { Length: > 1000 } ? error[..1000] : error;

    private static async Task<List<WriteIntent>> ReadIntentsAsync(MySqlCommand command, CancellationToken cancellationToken)
    {
        List<(WriteIntent Intent, List<string> Claimed)> rows = await ReadClaimsAsync(command, null, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.Intent)];
    }

    private static async Task<List<(WriteIntent Intent, List<string> Claimed)>> ReadClaimsAsync(MySqlCommand command, string? token, CancellationToken cancellationToken)
    {
        var result = new List<(WriteIntent, List<string>)>();
        MySqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        string? currentId = null;
        var legs = new List<LegEntry>();
        var claimed = new List<string>();
        object[]? headValues = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string id = reader.GetString(0);
            if (id != currentId)
            {
                if (headValues is not null)
                {
                    result.Add((ToIntent(headValues, legs), claimed));
                }

                currentId = id;
                headValues = new object[8];
                reader.GetValues(headValues);
                legs = [];
                claimed = [];
            }

            string target = reader.GetString(8);
            if (!legs.Exists(l => l.Target == target))
            {
                legs.Add(new LegEntry(
                    target,
                    (LegState)reader.GetInt32(9),
                    reader.GetInt32(10),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                    reader.IsDBNull(12) ? null : reader.GetString(12)));
            }

            if (token is not null && !reader.IsDBNull(13) && reader.GetString(13) == token && !claimed.Contains(target))
            {
                claimed.Add(target);
            }
        }

        if (headValues is not null)
        {
            result.Add((ToIntent(headValues, legs), claimed));
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
        Convert.ToBoolean(v[6], CultureInfo.InvariantCulture),
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(v[7], CultureInfo.InvariantCulture)),
        legs);
}
