using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Tx.Resilience.Benchmarks;

/// <summary>
/// A short job (3 warm-ups, 3 iterations) for a shared 2-core machine, with a long build timeout because the
/// boilerplate project builds while other agents compete for the CPU.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.ShortRun);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithBuildTimeout(TimeSpan.FromMinutes(15));
    }
}
