using BenchmarkDotNet.Running;
using Tx.Resilience.Redis.Benchmarks;

// Throughput (BenchmarkDotNet):
//   dotnet run -c Release --project benchmarks/Tx.Resilience.Redis.Benchmarks -- --filter '*' --job short
// p99 latency of one decision (own harness, same run for both limiters and both servers):
//   dotnet run -c Release --project benchmarks/Tx.Resilience.Redis.Benchmarks -- latency [output.md]
// Where the time goes (client CPU, redis-server CPU and script calls per decision, Debian Redis):
//   dotnet run -c Release --project benchmarks/Tx.Resilience.Redis.Benchmarks -- probe [decisions] [output.md]
// In-process limiter on an embedded Garnet, native packed log vs the Lua packed-log script (50,000 keys, 32 callers):
//   dotnet run -c Release --project benchmarks/Tx.Resilience.Redis.Benchmarks -- native [decisions per round] [rounds] [output.md] [native-only]
if (args.Length > 0 && args[0] == "native")
{
    await NativePackedLogHarness.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3,
        args.Length > 3 && args[3] != "-" ? args[3] : null,
        args.Length > 4 && args[4] == "native-only");
    return;
}

if (args.Length > 0 && args[0] == "latency")
{
    await LatencyHarness.RunAsync(args.Length > 1 ? args[1] : null);
    return;
}

if (args.Length > 0 && args[0] == "probe")
{
    await ProbeHarness.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000, args.Length > 2 ? args[2] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
