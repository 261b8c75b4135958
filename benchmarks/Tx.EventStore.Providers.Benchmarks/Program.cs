using BenchmarkDotNet.Running;
using Tx.EventStore.Providers.Benchmarks;

if (args.Length > 0 && args[0] == "interleaved")
{
    return await InterleavedAppends.RunAsync(args);
}

if (args.Length > 0 && args[0] == "pg-probe")
{
    return await PgAppendProbe.RunAsync(args);
}

if (args.Length > 0 && args[0] == "mysql-probe")
{
    return await MySqlAppendProbe.RunAsync(args);
}

if (args.Length > 0 && args[0] == "snapshot-tail")
{
    return await SnapshotTailProbe.RunAsync(args);
}

if (args.Length > 0 && args[0] == "snapshot-overhead")
{
    return await InterleavedSnapshotOverhead.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
