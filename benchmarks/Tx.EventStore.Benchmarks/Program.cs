using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project benchmarks/Tx.EventStore.Benchmarks -- --filter '*'
// Short job (3 warm-up and 3 measured iterations; workloads are 10,000-100,000 events per invocation), out of process
// by default (one process per case, so the JIT's profile of one case does not skew the next). The generated project
// can take minutes to build on a loaded machine, hence the long build timeout; `--in-process` runs them in this process.
bool inProcess = args.Contains("--in-process");
args = [.. args.Where(a => a != "--in-process")];
var job = inProcess
    ? Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
    : Job.ShortRun;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.AddJob(job.AsDefault()).WithBuildTimeout(TimeSpan.FromMinutes(10)));
