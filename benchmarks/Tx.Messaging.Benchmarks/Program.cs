using BenchmarkDotNet.Running;
using Tx.Messaging.Benchmarks;

// dotnet run -c Release --project benchmarks/Tx.Messaging.Benchmarks -- --filter '*' --job short --iterationCount 5
// Profiling harness (no BenchmarkDotNet): `-- profile <ours|channels|produce> <seconds> [capacity]` runs one side of
// InProcessThroughputBenchmark (or its producer alone, no group running) in a loop and prints wall and CPU ns per message, e.g. under `perf record -g` with
// DOTNET_PerfMapEnabled=1.
if (args.Length >= 1 && args[0] == "profile")
{
    await InProcessProfile.RunAsync(args[1], TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)), args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
