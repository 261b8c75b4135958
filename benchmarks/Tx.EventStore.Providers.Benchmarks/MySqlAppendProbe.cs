using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// Diagnoses where a MariaDB 10-event append spends its time: the raw floor, the store, and the floor's INSERT
/// reshaped like the store's (INSERT ... SELECT ... UNION ALL, an explicit transaction, the store's columns),
/// interleaved in rounds. Run: <c>-- mysql-probe [rounds]</c>.
/// </summary>
public static class MySqlAppendProbe
{
    private const int Calls = 40;
    private const string Database = "tx_probe";

    private static readonly string[] s_variants =
    [
        "raw INSERT ... VALUES (floor)",
        "Tx store (IEventStore)",
        "raw as INSERT ... SELECT ... UNION ALL",
        "raw in SET TRANSACTION; START TRANSACTION; ...; COMMIT",
        "raw with the store's 11 columns",
        "SELECT 1 (round trip)",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        await BenchEnvironment.ResetMySqlDatabaseAsync(Database);
        var services = new ServiceCollection();
        services.AddTxEventStore(o => o.Types.Add<AccountDebited>("AccountDebited")).UseMySql(BenchEnvironment.MySql(Database), o => o.TablePrefix = "tx");
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();
        await store.MigrateAsync();
        await using var ds = new MySqlDataSource(BenchEnvironment.MySql(Database));
        await using (var connection = await ds.OpenConnectionAsync())
        {
            await using var create = new MySqlCommand("""
                CREATE TABLE raw_events (
                    position BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, stream_id VARCHAR(200) COLLATE utf8mb4_bin NOT NULL, version BIGINT NOT NULL,
                    event_id CHAR(36) CHARACTER SET ascii NOT NULL UNIQUE, type VARCHAR(200) NOT NULL, schema_version INT NOT NULL DEFAULT 1,
                    data LONGBLOB NOT NULL, correlation_id VARCHAR(200) NULL, causation_id VARCHAR(200) NULL, user_id VARCHAR(200) NULL,
                    created_at DATETIME(6) NOT NULL, UNIQUE KEY (stream_id, version)) ENGINE=InnoDB
                """, connection);
            await create.ExecuteNonQueryAsync();
        }

        var times = new double[s_variants.Length, rounds];
        int seq = 0;
        for (int round = -1; round < rounds; round++)
        {
            for (int k = 0; k < s_variants.Length; k++)
            {
                int v = (k + Math.Max(round, 0)) % s_variants.Length;
                long started = Stopwatch.GetTimestamp();
                for (int i = 0; i < Calls; i++)
                {
                    string stream = $"m{round + 1}-{v}-{seq++}";
                    if (v == 1)
                    {
                        await store.AppendAsync(stream, ExpectedVersion.NoStream, BenchEnvironment.Events(stream, 10));
                    }
                    else
                    {
                        await RawAsync(ds, v, stream);
                    }
                }

                if (round >= 0)
                {
                    times[v, round] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / Calls;
                }
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"MariaDB 10-event append probe: {rounds} rounds x {Calls} new streams per variant, interleaved.");
        text.AppendLine();
        text.AppendLine("| variant | median µs/commit | ratio vs raw floor (median of per-round ratios) |");
        text.AppendLine("|---|---:|---:|");
        for (int v = 0; v < s_variants.Length; v++)
        {
            var mine = Enumerable.Range(0, rounds).Select(r => times[v, r]);
            var ratios = Enumerable.Range(0, rounds).Select(r => times[v, r] / times[0, r]);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s_variants[v]} | {Median(mine):F1} | {Median(ratios):F2} |");
        }

        Console.WriteLine(text);
        return 0;
    }

    private static async Task RawAsync(MySqlDataSource ds, int variant, string stream)
    {
        const int count = 10;
        await using var connection = await ds.OpenConnectionAsync();
        await using var command = new MySqlCommand { Connection = connection };
        if (variant == 5)
        {
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync();
            return;
        }

        bool wide = variant == 4;
        string columns = wide
            ? "stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at"
            : "stream_id, version, event_id, type, data, created_at";
        var sql = new StringBuilder();
        if (variant == 3)
        {
            sql.Append("SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; ");
        }

        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO raw_events ({columns}) ").Append(variant == 2 ? string.Empty : "VALUES ");
        command.Parameters.AddWithValue("@s", stream);
        command.Parameters.AddWithValue("@now", DateTime.UtcNow);
        for (int i = 0; i < count; i++)
        {
            string k = i.ToString(CultureInfo.InvariantCulture);
            string row = wide
                ? $"@s, @v{k}, @i{k}, @t{k}, @sv{k}, @d{k}, @c{k}, @ca{k}, @u{k}, @ts{k}"
                : $"@s, @v{k}, @i{k}, 'AccountDebited', @d{k}, @now";
            sql.Append(variant == 2 ? (i == 0 ? "SELECT " : " UNION ALL SELECT ") : (i == 0 ? "(" : ",("))
                .Append(row).Append(variant == 2 ? " FROM DUAL WHERE 1" : ")");
            command.Parameters.AddWithValue("@v" + k, i + 1);
            command.Parameters.AddWithValue("@i" + k, Guid.CreateVersion7());
            command.Parameters.AddWithValue("@d" + k, JsonSerializer.SerializeToUtf8Bytes(new AccountDebited(stream, "acc_1", 10 + i)));
            if (wide)
            {
                command.Parameters.AddWithValue("@t" + k, "AccountDebited");
                command.Parameters.AddWithValue("@sv" + k, 1);
                command.Parameters.AddWithValue("@c" + k, "corr-" + stream);
                command.Parameters.AddWithValue("@ca" + k, null);
                command.Parameters.AddWithValue("@u" + k, "user-1");
                command.Parameters.AddWithValue("@ts" + k, DateTime.UtcNow);
            }
        }

        if (variant == 3)
        {
            sql.Append("; COMMIT;");
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
