using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tx.MultiWrite.Benchmarks -- --filter '*'
// Needs MariaDB on 127.0.0.1:3306 and PostgreSQL on 127.0.0.1:5432 (eng/services.sh), or TX_MYSQL / TX_POSTGRES.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
