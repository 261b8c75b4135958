using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite;
using Tx.MultiWrite.Writing;

// dotnet Tx.MultiWrite.CrashWriter.dll <ledger mysql> <mysql target> <spanner-pg target> <sqlite path> <writes>
// Writes records with 8 concurrent callers and prints "ACK <writeId>" once WriteAsync returned (the write is
// acknowledged); the parent kills this process mid-batch.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <ledger> <mysql> <spanner> <sqlite> <writes>");
    return 2;
}

var services = new ServiceCollection();
services.AddTxMultiWrite()
    .UseMySqlLedger(args[0])
    .AddMySqlTarget(args[1])
    .AddSpannerTarget(args[2])
    .AddSqliteTarget(args[3])
    .ConfigureRetryWorker(o => o.Enabled = false);
await using ServiceProvider provider = services.BuildServiceProvider();
IMultiWriter writer = provider.GetRequiredService<IMultiWriter>();
int writes = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var gate = new Lock();
Console.Error.WriteLine("READY");
await Parallel.ForEachAsync(Enumerable.Range(0, writes), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    MultiWriteResult result = await writer.WriteAsync(new MultiWriteRecord("transactions", $"crash-{i:D6}", new { id = i, amount = i }), ct);
    lock (gate)
    {
        stdout.WriteLine($"ACK {result.WriteId:D}");
    }
});
return 0;
