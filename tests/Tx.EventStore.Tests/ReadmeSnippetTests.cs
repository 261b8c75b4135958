using Microsoft.Extensions.DependencyInjection;
using Tx.EventStore.Aggregates;
using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.Replay;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests;

/// <summary>The code of src/Tx.EventStore/README.md, compiled and run.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task QuickStart_Runs()
    {
        // --- README: quick start ---
        var services = new ServiceCollection();
        services.AddTxEventStore(o => o.Types
                .Add<TransactionCreated>("TransactionCreated")
                .Add<AccountDebited>("AccountDebited")
                .Add<AccountCredited>("AccountCredited")
                .Add<TransactionCompleted>("TransactionCompleted"))
            .AddOutbox("domain-events", (e, ct) =>
            {
                // publish e.EventType / e.Data (UTF-8 JSON) keyed by e.StreamId
                return ValueTask.CompletedTask;
            });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();

        var result = await store.AppendAsync("txn_123", ExpectedVersion.NoStream,
        [
            new EventData(new TransactionCreated("txn_123", 100m, "USD"), new EventMetadata(CorrelationId: "req-1", UserId: "u-42")),
            new EventData(new AccountDebited("txn_123", "acc_1", 100m)),
        ]);

        await store.AppendAsync("txn_123", ExpectedVersion.Exact(result.StreamVersion),
            [new EventData(new AccountCredited("txn_123", "acc_2", 100m)), new EventData(new TransactionCompleted("txn_123", "s_1"))]);

        await foreach (var e in store.ReadStreamAsync("txn_123"))
        {
            Console.WriteLine($"{e.StreamVersion} {e.EventType} @ {e.Position}");
        }

        var replay = await store.ReplayStreamAsync("txn_123", "NONE", (status, e) => e.Data switch
        {
            TransactionCreated => "PENDING",
            TransactionCompleted => "COMPLETED",
            _ => status,
        });

        var repository = provider.GetRequiredService<AggregateRepository<TransactionAggregate>>();
        var transaction = await repository.LoadAsync("txn_123");
        // --- end ---

        Assert.Equal(new AppendResult(2, 2), result);
        Assert.Equal("COMPLETED", replay.State);
        Assert.Equal(4, transaction!.Version);
        Assert.Equal("COMPLETED", transaction.Status);
    }
}
