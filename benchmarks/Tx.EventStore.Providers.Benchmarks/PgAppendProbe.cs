using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// Diagnoses where a PostgreSQL 10-event append spends its time: the same commit through the raw floor, the store,
/// and variants of the append function called directly (with and without the stream row, the write lock, the
/// connection reset), interleaved in rounds. Run: <c>-- pg-probe [rounds] [synchronous_commit]</c>.
/// </summary>
public static class PgAppendProbe
{
    private const int Calls = 40;
    private const string Schema = "probe_tx";
    private const string RawSchema = "probe_raw";

    private static readonly string[] s_variants =
    [
        "raw INSERT (floor)",
        "raw INSERT, no reset on close",
        "Tx store, ResetConnectionOnClose = true",
        "append_events (session 3: stream upsert) direct",
        "append_events, no reset on close",
        "f_upsert (stream upsert)",
        "f_upsert, no reset on close",
        "f_nolock (current minus advisory lock)",
        "f_insonly (events insert only)",
        "SELECT 1 (round trip)",
        "Tx store (default options: no reset on close)",
        "plain SQL insert of the 8 arrays (no function)",
        "f_old (run-3 function: select/insert/select/update)",
        "f_old, no reset on close",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        string sync = args.Length > 2 ? args[2] : "on";
        await BenchEnvironment.ResetPostgreSqlSchemaAsync(Schema, RawSchema);
        string baseCs = new NpgsqlConnectionStringBuilder(BenchEnvironment.PostgreSql) { MaxAutoPrepare = 32, Options = "-c synchronous_commit=" + sync }.ConnectionString;
        string noReset = new NpgsqlConnectionStringBuilder(baseCs) { NoResetOnClose = true }.ConnectionString;

        await using var services = BuildStore(baseCs, reset: true);
        var store = services.GetRequiredService<IEventStore>();
        await store.MigrateAsync();
        await using var servicesNoReset = BuildStore(baseCs, reset: false);
        var storeNoReset = servicesNoReset.GetRequiredService<IEventStore>();
        await storeNoReset.MigrateAsync();
        await using var ds = NpgsqlDataSource.Create(baseCs);
        await using var dsNoReset = NpgsqlDataSource.Create(noReset);
        await CreateVariantsAsync(ds);

        var times = new double[s_variants.Length, rounds];
        var cpu = new double[s_variants.Length];
        var alloc = new double[s_variants.Length];
        var process = Process.GetCurrentProcess();
        int seq = 0;
        for (int round = -1; round < rounds; round++)
        {
            for (int k = 0; k < s_variants.Length; k++)
            {
                int v = (k + Math.Max(round, 0)) % s_variants.Length;
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                long allocBefore = GC.GetTotalAllocatedBytes(precise: false);
                long started = Stopwatch.GetTimestamp();
                for (int i = 0; i < Calls; i++)
                {
                    string stream = $"p{round + 1}-{v}-{seq++}";
                    await RunOneAsync(v, stream, v == 10 ? storeNoReset : store, ds, dsNoReset);
                }

                if (round >= 0)
                {
                    times[v, round] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / Calls;
                    process.Refresh();
                    cpu[v] += (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / Calls / rounds;
                    alloc[v] += (GC.GetTotalAllocatedBytes(precise: false) - allocBefore) / (double)Calls / rounds;
                }
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL 10-event append probe, synchronous_commit={sync}: {rounds} rounds x {Calls} new streams per variant, interleaved.");
        text.AppendLine();
        text.AppendLine("| variant | median µs/commit | ratio vs raw floor (median of per-round ratios) | client CPU µs/commit (mean) | client bytes allocated/commit |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        for (int v = 0; v < s_variants.Length; v++)
        {
            var mine = Enumerable.Range(0, rounds).Select(r => times[v, r]);
            var ratios = Enumerable.Range(0, rounds).Select(r => times[v, r] / times[0, r]);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s_variants[v]} | {Median(mine):F1} | {Median(ratios):F2} | {cpu[v]:F0} | {alloc[v]:F0} |");
        }

        Console.WriteLine(text);
        return 0;
    }

    private static ServiceProvider BuildStore(string cs, bool reset)
    {
        var services = new ServiceCollection();
        services.AddTxEventStore(o => o.Types.Add<AccountDebited>("AccountDebited")).UsePostgreSql(cs, o =>
        {
            o.Schema = Schema;
            o.ResetConnectionOnClose = reset;
        });
        return services.BuildServiceProvider();
    }

    private static async Task RunOneAsync(int variant, string stream, IEventStore store, NpgsqlDataSource ds, NpgsqlDataSource dsNoReset)
    {
        switch (variant)
        {
            case 0:
                await RawAsync(ds, stream);
                break;
            case 1:
                await RawAsync(dsNoReset, stream);
                break;
            case 2:
                await store.AppendAsync(stream, ExpectedVersion.NoStream, BenchEnvironment.Events(stream, 10));
                break;
            case 3:
                await FunctionAsync(ds, "append_events", stream);
                break;
            case 4:
                await FunctionAsync(dsNoReset, "append_events", stream);
                break;
            case 5:
                await FunctionAsync(ds, "f_upsert", stream);
                break;
            case 6:
                await FunctionAsync(dsNoReset, "f_upsert", stream);
                break;
            case 7:
                await FunctionAsync(ds, "f_nolock", stream);
                break;
            case 8:
                await FunctionAsync(ds, "f_insonly", stream);
                break;
            case 10:
                await store.AppendAsync(stream, ExpectedVersion.NoStream, BenchEnvironment.Events(stream, 10));
                break;
            case 11:
                await FunctionAsync(ds, null, stream);
                break;
            case 12:
                await FunctionAsync(ds, "f_old", stream);
                break;
            case 13:
                await FunctionAsync(dsNoReset, "f_old", stream);
                break;
            default:
                await using (var command = ds.CreateCommand("SELECT 1"))
                {
                    await command.ExecuteScalarAsync();
                }

                break;
        }
    }

    private static async Task RawAsync(NpgsqlDataSource ds, string stream)
    {
        const int count = 10;
        var ids = new Guid[count];
        var data = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            ids[i] = Guid.CreateVersion7();
            data[i] = JsonSerializer.SerializeToUtf8Bytes(new AccountDebited(stream, "acc_1", 10 + i));
        }

        await using var command = ds.CreateCommand($"""
            INSERT INTO {RawSchema}.events (stream_id, version, event_id, type, data, created_at)
            SELECT $1, $2 + t.ord, t.id, 'AccountDebited', t.d, now() FROM unnest($3::uuid[], $4::bytea[]) WITH ORDINALITY AS t(id, d, ord)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task FunctionAsync(NpgsqlDataSource ds, string? function, string stream)
    {
        const int count = 10;
        var ids = new Guid[count];
        var types = new string[count];
        var sv = new int[count];
        var data = new byte[count][];
        var corr = new string?[count];
        var caus = new string?[count];
        var usr = new string?[count];
        var ts = new DateTime[count];
        var now = DateTime.UtcNow;
        for (int i = 0; i < count; i++)
        {
            ids[i] = Guid.CreateVersion7();
            types[i] = "AccountDebited";
            sv[i] = 1;
            data[i] = JsonSerializer.SerializeToUtf8Bytes(new AccountDebited(stream, "acc_1", 10 + i));
            corr[i] = "corr-" + stream;
            usr[i] = "user-1";
            ts[i] = now;
        }

        await using var command = ds.CreateCommand(function is not null
            ? $"SELECT o_version, o_position FROM {Schema}.{function}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            : $"""
              INSERT INTO {Schema}.events (stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at)
              SELECT $1, $2 + t.ord, t.id, t.type, t.sv, t.data, t.corr, t.caus, t.usr, t.ts
              FROM unnest($5::uuid[], $6::text[], $7::int[], $8::bytea[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
                  WITH ORDINALITY AS t(id, type, sv, data, corr, caus, usr, ts, ord)
              WHERE $3::boolean IS NOT NULL AND $4::bigint IS NOT NULL
              ORDER BY t.ord
              RETURNING position
              """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = false });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 42 });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = sv });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = corr });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = caus });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = usr });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = ts });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
    }

    private static async Task CreateVariantsAsync(NpgsqlDataSource ds)
    {
        const string s = Schema;
        const string args = "p_stream text, p_expected bigint, p_delete boolean, p_lock bigint, p_ids uuid[], p_types text[], p_sv integer[], p_data bytea[], p_corr text[], p_caus text[], p_usr text[], p_ts timestamptz[], OUT o_version bigint, OUT o_position bigint";
        const string insert = $"""
            WITH ins AS (
                INSERT INTO {s}.events (stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at)
                SELECT p_stream, v_current + t.ord, t.id, t.type, t.sv, t.data, t.corr, t.caus, t.usr, t.ts
                FROM unnest(p_ids, p_types, p_sv, p_data, p_corr, p_caus, p_usr, p_ts)
                    WITH ORDINALITY AS t(id, type, sv, data, corr, caus, usr, ts, ord)
                ORDER BY t.ord
                RETURNING position)
            SELECT max(position) INTO o_position FROM ins;
            """;
        await using var command = ds.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {RawSchema};
            CREATE TABLE IF NOT EXISTS {RawSchema}.events (
                position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, version bigint NOT NULL,
                event_id uuid NOT NULL UNIQUE, type text NOT NULL, data bytea NOT NULL, created_at timestamptz NOT NULL,
                UNIQUE (stream_id, version));
            CREATE OR REPLACE FUNCTION {s}.f_upsert({args}) LANGUAGE plpgsql AS $fn$
            DECLARE
                v_count integer := cardinality(p_ids);
                v_current bigint;
                v_deleted boolean;
            BEGIN
                INSERT INTO {s}.streams AS t (stream_id, version, deleted) VALUES (p_stream, v_count, p_delete)
                ON CONFLICT (stream_id) DO UPDATE SET version = t.version + v_count, deleted = p_delete
                    WHERE NOT t.deleted AND (p_expected < 0 OR t.version = p_expected)
                RETURNING t.version - v_count INTO v_current;
                IF NOT FOUND THEN
                    SELECT version, deleted INTO v_current, v_deleted FROM {s}.streams WHERE stream_id = p_stream;
                    IF v_deleted THEN
                        RAISE EXCEPTION USING ERRCODE = 'TXE02', MESSAGE = v_current::text;
                    END IF;
                    RAISE EXCEPTION USING ERRCODE = 'TXE01', MESSAGE = v_current::text;
                ELSIF p_expected > 0 AND v_current <> p_expected THEN
                    RAISE EXCEPTION USING ERRCODE = 'TXE01', MESSAGE = v_current::text;
                END IF;
                PERFORM pg_advisory_xact_lock(p_lock);
                {insert}
                o_version := v_current + v_count;
            END
            $fn$;
            CREATE OR REPLACE FUNCTION {s}.f_old({args}) LANGUAGE plpgsql AS $fn$
            DECLARE
                v_current bigint;
                v_deleted boolean;
            BEGIN
                SELECT version, deleted INTO v_current, v_deleted FROM {s}.streams WHERE stream_id = p_stream FOR UPDATE;
                IF NOT FOUND THEN
                    INSERT INTO {s}.streams (stream_id, version) VALUES (p_stream, 0) ON CONFLICT (stream_id) DO NOTHING;
                    SELECT version, deleted INTO v_current, v_deleted FROM {s}.streams WHERE stream_id = p_stream FOR UPDATE;
                END IF;
                IF v_deleted THEN
                    RAISE EXCEPTION USING ERRCODE = 'TXE02', MESSAGE = v_current::text;
                END IF;
                IF p_expected >= 0 AND p_expected <> v_current THEN
                    RAISE EXCEPTION USING ERRCODE = 'TXE01', MESSAGE = v_current::text;
                END IF;
                PERFORM pg_advisory_xact_lock(p_lock);
                {insert}
                o_version := v_current + cardinality(p_ids);
                UPDATE {s}.streams SET version = o_version, deleted = p_delete WHERE stream_id = p_stream;
            END
            $fn$;
            CREATE OR REPLACE FUNCTION {s}.f_nolock({args}) LANGUAGE plpgsql AS $fn$
            DECLARE
                v_current bigint;
                v_deleted boolean;
            BEGIN
                SELECT version, deleted INTO v_current, v_deleted FROM {s}.streams WHERE stream_id = p_stream FOR UPDATE;
                IF NOT FOUND THEN
                    INSERT INTO {s}.streams (stream_id, version) VALUES (p_stream, 0) ON CONFLICT (stream_id) DO NOTHING;
                    SELECT version, deleted INTO v_current, v_deleted FROM {s}.streams WHERE stream_id = p_stream FOR UPDATE;
                END IF;
                IF p_expected >= 0 AND p_expected <> v_current THEN
                    RAISE EXCEPTION USING ERRCODE = 'TXE01', MESSAGE = v_current::text;
                END IF;
                {insert}
                o_version := v_current + cardinality(p_ids);
                UPDATE {s}.streams SET version = o_version, deleted = p_delete WHERE stream_id = p_stream;
            END
            $fn$;
            CREATE OR REPLACE FUNCTION {s}.f_insonly({args}) LANGUAGE plpgsql AS $fn$
            DECLARE
                v_current bigint := 0;
            BEGIN
                {insert}
                o_version := cardinality(p_ids);
            END
            $fn$;
            """);
        await command.ExecuteNonQueryAsync();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
