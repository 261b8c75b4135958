using BenchmarkDotNet.Running;
using Tx.EventStore.Providers.Benchmarks;

if (args.Length > 0 && args[0] == "interleaved")
{
    return await InterleavedAppends.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
