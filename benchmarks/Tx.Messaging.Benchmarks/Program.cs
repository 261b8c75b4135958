using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tx.Messaging.Benchmarks -- --filter '*' --job short --iterationCount 5 --inProcess
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
