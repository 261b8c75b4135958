using System.Collections.Concurrent;
using System.Diagnostics;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.Statistics;
using Tx.TestUtilities;
using Xunit.Abstractions;

namespace Tx.MultiWrite.Integration.Tests.Faults;

/// <summary>The writer process is killed mid-batch; a new worker finishes every acknowledged write.</summary>
[Trait("Category", "Integration")]
[Collection(FaultsCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WriterKilledMidBatch_NewWorkerFinishesEveryAcknowledgedWrite_NothingDuplicated()
    {
        await using ThreeStores stores = await ThreeStores.CreateAsync();

        // A slow spanner leg keeps writes in flight when the process dies.
        stores.PostgresProxy.Slow(TimeSpan.FromMilliseconds(3));
        string dll = Path.Combine(AppContext.BaseDirectory, "Tx.MultiWrite.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[dll, stores.MySql.ConnectionString, stores.MySql.Through(stores.MySqlProxy.Port), stores.Postgres.Through(stores.PostgresProxy.Port), stores.Sqlite.Path, "100000"])
        {
            start.ArgumentList.Add(arg);
        }

        var acknowledged = new ConcurrentBag<Guid>();
        using var child = new Process { StartInfo = start };
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("ACK ", StringComparison.Ordinal))
            {
                acknowledged.Add(Guid.Parse(line.AsSpan(4)));
            }
        };
        var errors = new ConcurrentQueue<string>();
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                errors.Enqueue(line);
            }
        };
        child.Start();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        await Eventually.WaitAsync(() => acknowledged.Count >= 300 || child.HasExited, TimeSpan.FromSeconds(90), "the writer acknowledges writes");
        Assert.False(child.HasExited, "the writer is still writing when it is killed: " + string.Join("\n", errors));
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        Guid[] acked = [.. acknowledged.Distinct()];
        long intents = await stores.MySql.ScalarAsync("SELECT COUNT(*) FROM multiwrite_intents");
        long pendingLegs = await stores.MySql.ScalarAsync("SELECT COUNT(*) FROM multiwrite_legs WHERE state = 0");
        stores.PostgresProxy.Restore();

        RetryQueueStatistics queue = await Recovery.RunAsync(stores);

        Assert.Equal(0, queue.Depth);
        Assert.True(pendingLegs > 0, "some legs were in flight or unrecorded when the writer died");
        foreach (string leg in ThreeStores.Legs)
        {
            StoreCounts counts = await stores.CountAsync(leg);
            output.WriteLine($"{leg}: rows {counts.Rows}, duplicates {counts.Duplicates}; acknowledged present {await stores.CountIdsAsync(leg, acked)} of {acked.Length}");
            Assert.Equal(acked.Length, await stores.CountIdsAsync(leg, acked));
            Assert.Equal(intents, counts.Rows);
            Assert.Equal(0, counts.Duplicates);
            Assert.Equal(counts.Rows, counts.SuccessAudits);
        }

        output.WriteLine($"acknowledged {acked.Length}; intents committed {intents}; legs pending at the crash {pendingLegs}");
    }
}
