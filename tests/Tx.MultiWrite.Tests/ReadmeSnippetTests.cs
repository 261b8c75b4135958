using Microsoft.Extensions.DependencyInjection;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Reconciliation;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests;

/// <summary>The README's quick start, compiled and run (the MySQL ledger and targets are swapped for in-memory ones).</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task QuickStart_WritesReconcilesAndReports()
    {
        var services = new ServiceCollection();
        services.AddTxMultiWrite(o => o.MaxPayloadBytes = 64 * 1024)
            .UseInMemoryLedger()                                  // README: .UseMySqlLedger(mysql)
            .AddTarget("mysql", _ => new InMemoryWriteTarget("mysql"))     // README: .AddMySqlTarget(mysql)
            .AddTarget("mongodb", _ => new InMemoryWriteTarget("mongodb")) // README: .AddMongoTarget(mongo)
            .AddTarget("spanner", _ => new InMemoryWriteTarget("spanner")) // README: .AddSpannerTarget(spanner)
            .ConfigureRecordType("payments", t =>
            {
                t.Policy = ConsistencyPolicy.AllOrNothing;
                t.RequiredFields.Add("amount");
            });
        await using ServiceProvider provider = services.BuildServiceProvider();

        // --- begin snippet
        IMultiWriter writer = provider.GetRequiredService<IMultiWriter>();
        MultiWriteResult result = await writer.WriteAsync(new MultiWriteRecord("payments", "pay-42", new { amount = 125.50m, currency = "EUR" }));
        // result: { writeId, succeeded: [mysql, mongodb, spanner], failed: [], timestamp }

        IMultiWriteReconciler reconciler = provider.GetRequiredService<IMultiWriteReconciler>();
        ReconciliationReport report = await reconciler.ReconcileAsync(WriteIds.MinAt(result.Timestamp.AddMinutes(-1)), WriteIds.MaxAt(result.Timestamp));
        // --- end snippet

        Assert.Equal(3, result.Succeeded.Count);
        Assert.True(report.InSync);
        Assert.Equal(1, report.IntentsScanned);
    }
}
