using BenchmarkDotNet.Running;
using Tx.MultiWrite.Benchmarks;

// dotnet run -c Release --project benchmarks/Tx.MultiWrite.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/Tx.MultiWrite.Benchmarks -- probe [writes]   (MariaDB statements per write)
// Needs MariaDB on 127.0.0.1:3306 and PostgreSQL on 127.0.0.1:5432 (eng/services.sh), or TX_MYSQL / TX_POSTGRES.
if (args is ["probe", ..])
{
    await RoundTripProbe.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
