using BenchmarkDotNet.Running;
using Tx.Resilience.Redis.Benchmarks;

// Throughput (BenchmarkDotNet):
//   dotnet run -c Release --project benchmarks/Tx.Resilience.Redis.Benchmarks -- --filter '*' --job short
// p99 latency of one decision (own harness, same run for both limiters and both servers):
//   dotnet run -c Release --project benchmarks/Tx.Resilience.Redis.Benchmarks -- latency [output.md]
if (args.Length > 0 && args[0] == "latency")
{
    await LatencyHarness.RunAsync(args.Length > 1 ? args[1] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
