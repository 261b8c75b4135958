using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tx.Cqrs.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
