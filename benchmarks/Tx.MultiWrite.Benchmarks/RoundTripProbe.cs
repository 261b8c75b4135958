using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Benchmarks;

/// <summary>
/// Not a BenchmarkDotNet class: <c>dotnet run -c Release -- probe [writes]</c> runs the throughput benchmark's three
/// workloads (16 concurrent writers) once each and prints, per write, MariaDB's global status deltas (statements by
/// kind, commits, fsyncs, bytes) and the client's allocations. The status counters are server-wide, so other
/// clients of the same server add noise: run it on a quiet server and compare the two rows.
/// </summary>
internal static class RoundTripProbe
{
    private const int Writers = 16;
    private static readonly string[] s_counters =
    [
        "Questions", "Com_insert", "Com_update", "Com_select", "Com_begin", "Com_commit", "Com_set_option",
        "Com_stmt_execute", "Innodb_data_fsyncs", "Innodb_log_writes", "Bytes_received", "Bytes_sent", "Connections",
    ];

    public static async Task RunAsync(int writes)
    {
        var stores = new BenchmarkStores();
        stores.Create();
        try
        {
            var services = new ServiceCollection();
            services.AddTxMultiWrite()
                .UseMySqlLedger(stores.MySql)
                .AddMySqlTarget(stores.MySql)
                .AddSpannerTarget(stores.Postgres)
                .AddSqliteTarget(stores.SqlitePath)
                .ConfigureRetryWorker(o => o.Enabled = false);
            await using ServiceProvider provider = services.BuildServiceProvider();
            IMultiWriter writer = provider.GetRequiredService<IMultiWriter>();
            await writer.WriteAsync(new MultiWriteRecord("transactions", "warm-up", new { amount = 1 }));
            var unbatchedServices = new ServiceCollection();
            unbatchedServices.AddTxMultiWrite()
                .UseMySqlLedger(stores.MySql, o => o.MaxBatchSize = 1)
                .AddMySqlTarget(stores.MySql)
                .AddSpannerTarget(stores.Postgres)
                .AddSqliteTarget(stores.SqlitePath)
                .ConfigureRetryWorker(o => o.Enabled = false);
            await using ServiceProvider unbatchedProvider = unbatchedServices.BuildServiceProvider();
            IMultiWriter unbatched = unbatchedProvider.GetRequiredService<IMultiWriter>();
            await unbatched.WriteAsync(new MultiWriteRecord("transactions", "warm-up-2", new { amount = 1 }));
            IWriteTarget[] targets = [.. provider.GetRequiredService<LegSet>().Legs.Select(l => l.Target)];
            long i = 0;
            Func<Task> naive = () =>
            {
                long n = Interlocked.Increment(ref i);
                string payload = $$"""{"amount":{{n}},"currency":"EUR"}""";
                var record = new TargetRecord(Guid.CreateVersion7(), "transactions", "n" + n, payload, RecordHash.Compute("transactions", "n" + n, payload), DateTimeOffset.UtcNow);
                return Task.WhenAll(targets.Select(t => t.WriteAsync(record, CancellationToken.None)));
            };
            Func<Task> multi = () =>
            {
                long n = Interlocked.Increment(ref i);
                return writer.WriteAsync(new MultiWriteRecord("transactions", "m" + n, new { amount = n, currency = "EUR" }));
            };
            Func<Task> single = () =>
            {
                long n = Interlocked.Increment(ref i);
                return unbatched.WriteAsync(new MultiWriteRecord("transactions", "u" + n, new { amount = n, currency = "EUR" }));
            };

            // Warm both paths, then measure each.
            await RunWritersAsync(naive, writes / 3);
            await RunWritersAsync(multi, writes / 3);
            await RunWritersAsync(single, writes / 3);
            Console.WriteLine($"{"per write",-22}{"naive",12}{"group commit",14}{"unbatched",12}");
            (Dictionary<string, double> a, double secondsA, double allocA) = await MeasureAsync(stores.MySql, naive, writes);
            (Dictionary<string, double> b, double secondsB, double allocB) = await MeasureAsync(stores.MySql, multi, writes);
            (Dictionary<string, double> c, double secondsC, double allocC) = await MeasureAsync(stores.MySql, single, writes);
            foreach (string counter in s_counters.Concat(["CPU µs: client", "CPU µs: mariadbd", "CPU µs: postgres"]))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{counter,-22}{a[counter],12:0.00}{b[counter],14:0.00}{c[counter],12:0.00}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"allocated KB",-22}{allocA,12:0.0}{allocB,14:0.0}{allocC,12:0.0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"writes/s",-22}{writes / secondsA,12:0}{writes / secondsB,14:0}{writes / secondsC,12:0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"ratio to naive",-22}{1.0,12:0.00}{secondsA / secondsB,14:0.00}{secondsA / secondsC,12:0.00}"));
        }
        finally
        {
            stores.Drop();
        }
    }

    private static async Task<(Dictionary<string, double> PerWrite, double Seconds, double AllocatedKb)> MeasureAsync(string connectionString, Func<Task> write, int writes)
    {
        Dictionary<string, long> before = await StatusAsync(connectionString);
        (double clientCpu, double mariaCpu, double postgresCpu) = CpuMs();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        await RunWritersAsync(write, writes);
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        double allocatedKb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / writes;
        (double clientCpu2, double mariaCpu2, double postgresCpu2) = CpuMs();
        Dictionary<string, long> after = await StatusAsync(connectionString);

        // The two status reads themselves (Questions, Com_select, bytes) are negligible against thousands of writes.
        Dictionary<string, double> perWrite = s_counters.ToDictionary(c => c, c => (after.GetValueOrDefault(c) - before.GetValueOrDefault(c)) / (double)writes);
        perWrite["CPU µs: client"] = (clientCpu2 - clientCpu) * 1000 / writes;
        perWrite["CPU µs: mariadbd"] = (mariaCpu2 - mariaCpu) * 1000 / writes;
        perWrite["CPU µs: postgres"] = (postgresCpu2 - postgresCpu) * 1000 / writes;
        return (perWrite, seconds, allocatedKb);
    }

    /// <summary>CPU time (ms) of this process, of mariadbd and of every postgres process (Linux /proc; 0 elsewhere).</summary>
    private static (double Client, double MariaDb, double Postgres) CpuMs()
    {
        double client = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        double maria = 0, postgres = 0;
        if (!OperatingSystem.IsLinux())
        {
            return (client, maria, postgres);
        }

        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int open = stat.IndexOf('(', StringComparison.Ordinal);
                int close = stat.LastIndexOf(')');
                string name = stat[(open + 1)..close];
                if (name is not ("mariadbd" or "postgres"))
                {
                    continue;
                }

                string[] fields = stat[(close + 2)..].Split(' ');
                double ms = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
                if (name == "mariadbd")
                {
                    maria += ms;
                }
                else
                {
                    postgres += ms;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return (client, maria, postgres);
    }

    private static Task RunWritersAsync(Func<Task> write, int writes)
    {
        int remaining = writes;
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await write();
            }
        })));
    }

    private static async Task<Dictionary<string, long>> StatusAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SHOW GLOBAL STATUS", connection);
        await using MySqlDataReader reader = await command.ExecuteReaderAsync();
        var values = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync())
        {
            if (long.TryParse(reader.GetString(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
            {
                values[reader.GetString(0)] = v;
            }
        }

        return values;
    }
}
