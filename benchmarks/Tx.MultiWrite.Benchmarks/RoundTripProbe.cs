using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Benchmarks;

/// <summary>
/// Not a BenchmarkDotNet class: <c>dotnet run -c Release -- probe [writes]</c> runs the throughput benchmark's
/// workloads (16 concurrent writers, MariaDB + PostgreSQL + SQLite legs) in interleaved rounds and prints, per write,
/// MariaDB's global status deltas (statements by kind, commits, fsyncs, bytes), the CPU time of this process, of
/// mariadbd and of the postgres processes, and the client's allocations. The status counters and server CPU are
/// server-wide, so other clients of the same servers add noise: compare the columns of one run.
/// </summary>
internal static class RoundTripProbe
{
    private const int Writers = 16;
    private static readonly string[] s_counters =
    [
        "Questions", "Com_insert", "Com_update", "Com_select", "Com_begin", "Com_commit", "Com_set_option",
        "Innodb_data_fsyncs", "Innodb_log_writes", "Bytes_received", "Bytes_sent",
    ];

    private static readonly string[] s_cpu = ["CPU µs: client", "CPU µs: mariadbd", "CPU µs: postgres"];

    public static async Task RunAsync(int writes)
    {
        var stores = new BenchmarkStores();
        stores.Create();
        var providers = new List<ServiceProvider>();
        try
        {
            (string Name, int Batch, bool Defer)[] variants =
            [
                ("unbatched, sync", 1, false),
                ("group commit", 64, false),
                ("gc + deferred", 64, true),
            ];
            var workloads = new List<(string Name, Func<long, Task> Write)>();
            IWriteTarget[] targets = [];
            foreach ((string name, int batch, bool defer) in variants)
            {
                var services = new ServiceCollection();
                services.AddTxMultiWrite(o => o.DeferOutcomeRecording = defer)
                    .UseMySqlLedger(stores.MySql, o => o.MaxBatchSize = batch)
                    .AddMySqlTarget(stores.MySql)
                    .AddSpannerTarget(stores.Postgres)
                    .AddSqliteTarget(stores.SqlitePath)
                    .ConfigureRetryWorker(o => o.Enabled = false);
                ServiceProvider provider = services.BuildServiceProvider();
                providers.Add(provider);
                IMultiWriter writer = provider.GetRequiredService<IMultiWriter>();
                await writer.WriteAsync(new MultiWriteRecord("transactions", "warm-up-" + name, new { amount = 1 }));
                targets = [.. provider.GetRequiredService<LegSet>().Legs.Select(l => l.Target)];
                string prefix = name[..1] + batch + defer;
                workloads.Add((name, n => writer.WriteAsync(new MultiWriteRecord("transactions", prefix + n, new { amount = n, currency = "EUR" }))));
            }

            workloads.Insert(0, ("naive", n =>
            {
                string payload = $$"""{"amount":{{n}},"currency":"EUR"}""";
                var record = new TargetRecord(Guid.CreateVersion7(), "transactions", "n" + n, payload, RecordHash.Compute("transactions", "n" + n, payload), DateTimeOffset.UtcNow);
                return Task.WhenAll(targets.Select(t => t.WriteAsync(record, CancellationToken.None)));
            }));

            long i = 0;
            foreach ((string _, Func<long, Task> write) in workloads)
            {
                await RunWritersAsync(() => write(Interlocked.Increment(ref i)), writes / 3);
            }

            // Interleaved rounds: a burst of load from other processes hits every workload alike, not one of them.
            const int Rounds = 5;
            var results = workloads.Select(_ => (PerWrite: new Dictionary<string, double>(), Seconds: 0.0, AllocatedKb: 0.0)).ToList();
            for (int round = 0; round < Rounds; round++)
            {
                for (int w = 0; w < workloads.Count; w++)
                {
                    Func<long, Task> write = workloads[w].Write;
                    (Dictionary<string, double> perWrite, double seconds, double allocatedKb) = await MeasureAsync(stores.MySql, () => write(Interlocked.Increment(ref i)), writes / Rounds);
                    foreach ((string key, double value) in perWrite)
                    {
                        results[w].PerWrite[key] = results[w].PerWrite.GetValueOrDefault(key) + (value / Rounds);
                    }

                    results[w] = (results[w].PerWrite, results[w].Seconds + seconds, results[w].AllocatedKb + (allocatedKb / Rounds));
                }
            }

            Console.WriteLine($"{writes:N0} writes per workload in {Rounds} interleaved rounds, {Writers} writers");
            Console.WriteLine($"{"per write",-20}" + string.Concat(workloads.Select(w => $"{w.Name,17}")));
            foreach (string counter in s_counters.Concat(s_cpu))
            {
                Console.WriteLine($"{counter,-20}" + string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.PerWrite[counter],17:0.00}"))));
            }

            Console.WriteLine($"{"CPU µs: total",-20}" + string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{s_cpu.Sum(c => r.PerWrite[c]),17:0}"))));
            Console.WriteLine($"{"allocated KB",-20}" + string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.AllocatedKb,17:0.0}"))));
            Console.WriteLine($"{"writes/s",-20}" + string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{writes / r.Seconds,17:0}"))));
            Console.WriteLine($"{"ratio to naive",-20}" + string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{results[0].Seconds / r.Seconds,17:0.00}"))));
        }
        finally
        {
            foreach (ServiceProvider provider in providers)
            {
                await provider.DisposeAsync();
            }

            stores.Drop();
        }
    }

    private static async Task<(Dictionary<string, double> PerWrite, double Seconds, double AllocatedKb)> MeasureAsync(string connectionString, Func<Task> write, int writes)
    {
        Dictionary<string, long> before = await StatusAsync(connectionString);
        (double client, double maria, double postgres) = CpuMs();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        await RunWritersAsync(write, writes);
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        double allocatedKb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / writes;
        (double client2, double maria2, double postgres2) = CpuMs();
        Dictionary<string, long> after = await StatusAsync(connectionString);

        // The two status reads themselves (Questions, Com_select, bytes) are negligible against thousands of writes.
        Dictionary<string, double> perWrite = s_counters.ToDictionary(c => c, c => (after.GetValueOrDefault(c) - before.GetValueOrDefault(c)) / (double)writes);
        perWrite[s_cpu[0]] = (client2 - client) * 1000 / writes;
        perWrite[s_cpu[1]] = (maria2 - maria) * 1000 / writes;
        perWrite[s_cpu[2]] = (postgres2 - postgres) * 1000 / writes;
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

                // utime and stime, in clock ticks (100 per second on Linux).
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
