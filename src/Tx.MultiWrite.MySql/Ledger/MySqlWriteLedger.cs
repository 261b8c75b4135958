using System.Globalization;
using System.Text;
using MySqlConnector;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.MySql.Ledger;

/// <summary>
/// The intent log in MySQL. New intents and outcome updates go through group commit
/// (<see cref="GroupCommitQueue{TItem, TResult}"/>): concurrent writers' intents are inserted by one multi-row
/// <c>INSERT</c> (intents, then legs) in one transaction and one round trip, and their outcome updates likewise;
/// every caller awaits its own batch's commit. Claims are an <c>UPDATE … ORDER BY next_attempt_at LIMIT n</c>
/// that stamps a unique lease token, then a read by that token. Times are Unix milliseconds from the caller's clock.
/// </summary>
internal sealed class MySqlWriteLedger : IWriteLedger, IDisposable
{
    private const string IntentColumns = "i.write_id, i.record_type, i.record_key, i.payload, i.payload_hash, i.policy, i.compensation_required, i.created_at";
    private const string LegColumns = "l.target, l.state, l.attempts, l.next_attempt_at, l.last_error";

    // A batch's statement stays far below MariaDB's and MySQL's default max_allowed_packet (16 MB / 64 MB).
    private const long MaxBatchBytes = 4 * 1024 * 1024;
    private const int MaxDeadlockRetries = 3;
    private readonly MySqlDataSource _dataSource;
    private readonly string _intents;
    private readonly string _legs;
    private readonly string _batchPrefix = "/" + Guid.NewGuid().ToString("N")[..12] + ".";
    private readonly GroupCommitQueue<CreateRequest, CreateResult>? _creates;
    private readonly GroupCommitQueue<UpdateRequest, bool>? _updates;
    private long _batchNumber;

    public MySqlWriteLedger(MySqlLedgerOptions options)
    {
        var settings = new MySqlConnectionStringBuilder(options.ConnectionString) { UseAffectedRows = true, GuidFormat = MySqlGuidFormat.None };
        _dataSource = new MySqlDataSource(settings.ConnectionString);
        _intents = options.TablePrefix + "intents";
        _legs = options.TablePrefix + "legs";
        if (options.MaxBatchSize > 1)
        {
            _creates = new(CommitCreatesAsync, options.MaxBatchSize, static r => r.Intent.PayloadJson.Length * 4L, MaxBatchBytes);
            _updates = new(CommitUpdatesAsync, options.MaxBatchSize, static r => r.Updates.Count * 1_200L, MaxBatchBytes);
        }
    }

    /// <summary>Gets the intent batches committed so far and the largest (<see langword="null"/> without group commit).</summary>
    internal (long Batches, int Largest)? CreateBatches => _creates is null ? null : (_creates.Batches, _creates.LargestBatch);

    /// <summary>Gets the outcome batches committed so far and the largest (<see langword="null"/> without group commit).</summary>
    internal (long Batches, int Largest)? UpdateBatches => _updates is null ? null : (_updates.Batches, _updates.LargestBatch);

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
        // Once queued, a call completes with its batch: cancelling it could not undo a commit already sent.
        cancellationToken.ThrowIfCancellationRequested();
        var request = new CreateRequest(intent, leaseOwner, leaseUntil);
        CreateResult result = _creates is null
            ? (await CommitCreatesAsync([request]).ConfigureAwait(false))[0]
            : await _creates.EnqueueAsync(request).ConfigureAwait(false);
        if (result.Created)
        {
            return null;
        }

        return result.Existing
            ?? await GetAsync(intent.WriteId, CancellationToken.None).ConfigureAwait(false)
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

        cancellationToken.ThrowIfCancellationRequested();
        var request = new UpdateRequest(writeId, updates);
        if (_updates is null)
        {
            await CommitUpdatesAsync([request]).ConfigureAwait(false);
        }
        else
        {
            await _updates.EnqueueAsync(request).ConfigureAwait(false);
        }
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

    /// <summary>
    /// Commits a batch of new intents in one transaction and one round trip: a multi-row <c>INSERT</c> of the
    /// intents and one of their legs (both insert-if-absent), then a read of the batch's legs. Each new leg carries
    /// a lease owner unique to this batch, so a write id whose legs carry it was created here; any other was already
    /// stored (a reuse: its stored intent is read after the commit). A write id that appears twice in the batch is
    /// inserted once; the later request gets the first one's intent, exactly as a concurrent duplicate would.
    /// All or nothing: when the transaction fails, every request of the batch fails and nothing is written.
    /// </summary>
    internal async Task<CreateResult[]> CommitCreatesAsync(IReadOnlyList<CreateRequest> requests)
    {
        var results = new CreateResult[requests.Count];
        var leaders = new Dictionary<Guid, int>(requests.Count);
        var rows = new List<int>(requests.Count);
        for (int i = 0; i < requests.Count; i++)
        {
            if (leaders.TryAdd(requests[i].Intent.WriteId, i))
            {
                rows.Add(i);
            }
        }

        // Insert in write-id order: concurrent batches then take their locks in the same order.
        rows.Sort((a, b) => requests[a].Intent.WriteId.CompareTo(requests[b].Intent.WriteId));
        string batch = _batchPrefix + Interlocked.Increment(ref _batchNumber).ToString(CultureInfo.InvariantCulture);
        var owners = new string[requests.Count];
        var sql = new StringBuilder(512);
        sql.Append(CultureInfo.InvariantCulture, $"START TRANSACTION;INSERT INTO `{_intents}` (write_id, record_type, record_key, payload, payload_hash, policy, compensation_required, created_at) VALUES ");
        for (int r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(?,?,?,?,?,?,0,?)" : ",(?,?,?,?,?,?,0,?)");
        }

        sql.Append(CultureInfo.InvariantCulture, $" ON DUPLICATE KEY UPDATE write_id = write_id;INSERT INTO `{_legs}` (write_id, target, state, attempts, next_attempt_at, lease_owner, lease_until) VALUES ");
        bool first = true;
        foreach (int i in rows)
        {
            for (int j = 0; j < requests[i].Intent.Legs.Count; j++)
            {
                sql.Append(first ? "(?,?,0,0,?,?,?)" : ",(?,?,0,0,?,?,?)");
                first = false;
            }
        }

        sql.Append(CultureInfo.InvariantCulture, $" ON DUPLICATE KEY UPDATE write_id = write_id;SELECT write_id, lease_owner FROM `{_legs}` WHERE write_id IN (");
        for (int r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "?" : ",?");
        }

        sql.Append(");COMMIT;");
        string text = sql.ToString();
        var created = new HashSet<string>(StringComparer.Ordinal);
        await ExecuteBatchAsync(
            text,
            command =>
            {
                MySqlParameterCollection p = command.Parameters;
                foreach (int i in rows)
                {
                    WriteIntent intent = requests[i].Intent;
                    p.Add(new MySqlParameter { Value = intent.WriteId.ToString("D") });
                    p.Add(new MySqlParameter { Value = intent.RecordType });
                    p.Add(new MySqlParameter { Value = intent.Key });
                    p.Add(new MySqlParameter { Value = intent.PayloadJson });
                    p.Add(new MySqlParameter { Value = intent.PayloadHash });
                    p.Add(new MySqlParameter { Value = (int)intent.Policy });
                    p.Add(new MySqlParameter { Value = intent.CreatedAt.ToUnixTimeMilliseconds() });
                }

                foreach (int i in rows)
                {
                    CreateRequest request = requests[i];
                    string id = request.Intent.WriteId.ToString("D");
                    owners[i] = (request.LeaseOwner.Length > 100 ? request.LeaseOwner[..100] : request.LeaseOwner) + batch;
                    long at = request.Intent.CreatedAt.ToUnixTimeMilliseconds();
                    long until = request.LeaseUntil.ToUnixTimeMilliseconds();
                    foreach (LegEntry leg in request.Intent.Legs)
                    {
                        p.Add(new MySqlParameter { Value = id });
                        p.Add(new MySqlParameter { Value = leg.Target });
                        p.Add(new MySqlParameter { Value = at });
                        p.Add(new MySqlParameter { Value = owners[i] });
                        p.Add(new MySqlParameter { Value = until });
                    }
                }

                foreach (int i in rows)
                {
                    p.Add(new MySqlParameter { Value = requests[i].Intent.WriteId.ToString("D") });
                }
            },
            async (reader, cancellationToken) =>
            {
                created.Clear();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!reader.IsDBNull(1) && reader.GetString(1).EndsWith(batch, StringComparison.Ordinal))
                    {
                        created.Add(reader.GetString(0));
                    }
                }
            }).ConfigureAwait(false);

        for (int i = 0; i < requests.Count; i++)
        {
            int leader = leaders[requests[i].Intent.WriteId];
            bool leaderCreated = created.Contains(requests[i].Intent.WriteId.ToString("D"));

            // A later duplicate gets the first request's intent when that one was created here; when the write id
            // was stored before the batch, every request of it reads the stored intent.
            results[i] = leader == i
                ? new CreateResult(leaderCreated, null)
                : new CreateResult(false, leaderCreated ? requests[leader].Intent : null);
        }

        return results;
    }

    /// <summary>
    /// Commits a batch of outcome updates in one round trip (and, for more than one statement, one transaction).
    /// Updates with the same outcome (state, expected state, attempts, error) on the same set of targets share one
    /// statement across writes: normally every write of the batch had all its legs succeed at the first attempt,
    /// and the whole batch is one <c>UPDATE … WHERE state = expected AND write_id IN (…) AND target IN (…)</c>, with
    /// each write's own <c>next_attempt_at</c> set through a <c>CASE</c>. Every row stays guarded by its expected state.
    /// </summary>
    internal async Task<bool[]> CommitUpdatesAsync(IReadOnlyList<UpdateRequest> requests)
    {
        // Group (write, update) pairs by outcome, then per write by target set: one statement per (outcome, target set).
        var groups = new Dictionary<(LegState State, LegState Expected, int Attempts, string? Error, string Targets), List<(string Id, long Next)>>();
        var targetsOf = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (UpdateRequest request in requests)
        {
            string id = request.WriteId.ToString("D");
            IReadOnlyList<LegUpdate> updates = request.Updates;
            var done = new bool[updates.Count];
            for (int i = 0; i < updates.Count; i++)
            {
                if (done[i])
                {
                    continue;
                }

                LegUpdate u = updates[i];
                var targets = new List<string>(updates.Count);
                for (int j = i; j < updates.Count; j++)
                {
                    LegUpdate v = updates[j];
                    if (!done[j] && v.State == u.State && v.ExpectedState == u.ExpectedState && v.Attempts == u.Attempts && v.NextAttemptAt == u.NextAttemptAt && v.LastError == u.LastError)
                    {
                        done[j] = true;
                        targets.Add(v.Target);
                    }
                }

                targets.Sort(StringComparer.Ordinal);
                string targetKey = string.Join('\n', targets);
                targetsOf.TryAdd(targetKey, [.. targets]);
                var key = (u.State, u.ExpectedState, u.Attempts, Truncate(u.LastError), targetKey);
                if (!groups.TryGetValue(key, out List<(string Id, long Next)>? rows))
                {
                    groups[key] = rows = [];
                }

                rows.Add((id, u.NextAttemptAt.ToUnixTimeMilliseconds()));
            }
        }

        var sql = new StringBuilder(256);
        var values = new List<object?>();
        foreach (((LegState state, LegState expected, int attempts, string? error, string targetKey), List<(string Id, long Next)> rows) in groups)
        {
            // Write-id order: every batch takes its row locks in the same order.
            rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            bool sameNext = rows.TrueForAll(r => r.Next == rows[0].Next);
            sql.Append(CultureInfo.InvariantCulture, $"UPDATE `{_legs}` SET state = ?, attempts = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, next_attempt_at = ");
            values.Add((int)state);
            values.Add(attempts);
            values.Add(error);
            if (sameNext)
            {
                sql.Append('?');
                values.Add(rows[0].Next);
            }
            else
            {
                sql.Append("CASE write_id");
                foreach ((string id, long next) in rows)
                {
                    sql.Append(" WHEN ? THEN ?");
                    values.Add(id);
                    values.Add(next);
                }

                sql.Append(" END");
            }

            sql.Append(" WHERE state = ? AND write_id IN (");
            values.Add((int)expected);
            for (int r = 0; r < rows.Count; r++)
            {
                sql.Append(r == 0 ? "?" : ",?");
                values.Add(rows[r].Id);
            }

            sql.Append(") AND target IN (");
            string[] targets = targetsOf[targetKey];
            for (int t = 0; t < targets.Length; t++)
            {
                sql.Append(t == 0 ? "?" : ",?");
                values.Add(targets[t]);
            }

            sql.Append(");");
        }

        string text = groups.Count > 1 ? "START TRANSACTION;" + sql + "COMMIT;" : sql.ToString();
        await ExecuteBatchAsync(
            text,
            command =>
            {
                foreach (object? value in values)
                {
                    command.Parameters.Add(new MySqlParameter { Value = value });
                }
            },
            null).ConfigureAwait(false);
        return new bool[requests.Count];
    }

    /// <summary>
    /// Runs one batch on one connection. A deadlock (or lock wait timeout) rolls the whole transaction back, so the
    /// batch is simply run again; any other failure rolls back and fails the batch.
    /// </summary>
    private async Task ExecuteBatchAsync(string sql, Action<MySqlCommand> bind, Func<MySqlDataReader, CancellationToken, Task>? read)
    {
        MySqlConnection connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        for (int attempt = 1; ; attempt++)
        {
            using MySqlCommand command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            try
            {
                if (read is null)
                {
                    await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    MySqlDataReader reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await read(reader, CancellationToken.None).ConfigureAwait(false);
                        while (await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false))
                        {
                        }
                    }
                }

                return;
            }
            catch (MySqlException ex) when (connection.State == System.Data.ConnectionState.Open)
            {
                await RollBackAsync(connection).ConfigureAwait(false);
                if (attempt >= MaxDeadlockRetries || ex.ErrorCode is not (MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout))
                {
                    throw;
                }
            }
        }
    }

    private static async Task RollBackAsync(MySqlConnection connection)
    {
        try
        {
            using MySqlCommand rollback = new("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // The connection is returned to the pool and reset (which rolls back) or discarded.
        }
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

    internal sealed record CreateRequest(WriteIntent Intent, string LeaseOwner, DateTimeOffset LeaseUntil);

    /// <summary>Whether the intent was created; otherwise the intent already stored, when known without a read.</summary>
    internal readonly record struct CreateResult(bool Created, WriteIntent? Existing);

    internal sealed record UpdateRequest(Guid WriteId, IReadOnlyList<LegUpdate> Updates);
}
