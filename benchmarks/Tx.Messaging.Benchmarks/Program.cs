using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tx.Messaging.Benchmarks -- --filter '*' --job short --inProcess
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
