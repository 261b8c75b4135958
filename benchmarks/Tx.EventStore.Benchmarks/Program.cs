using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project benchmarks/Tx.EventStore.Benchmarks -- --filter '*'
// Runs in process (building a boilerplate project per job times out on a loaded machine) with a short job:
// 3 warm-up and 3 measured iterations. Workloads are large (10,000-100,000 events per invocation).
var job = Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.AddJob(job.AsDefault()));
