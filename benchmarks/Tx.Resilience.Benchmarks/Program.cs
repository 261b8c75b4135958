using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tx.Resilience.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
