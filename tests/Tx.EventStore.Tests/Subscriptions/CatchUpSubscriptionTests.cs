using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Tests.Subscriptions;

public sealed class CatchUpSubscriptionTests
{
    [Fact]
    public async Task RunAsync_StoreUnreachableForAWhile_KeepsRetryingAndDeliversEverything()
    {
        var flaky = new FlakyProvider(failures: 3);
        var handler = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddTxEventStore(TestEventTypes.Register)
            .UseProvider(_ => flaky)
            .AddSubscription("outbox", _ => handler, o =>
            {
                o.RetryDelay = TimeSpan.FromMilliseconds(5);
                o.PollInterval = TimeSpan.FromMilliseconds(10);
            });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();
        await store.AppendAsync("txn_1", ExpectedVersion.NoStream, [new EventData(TestEventTypes.Created("txn_1")), new EventData(TestEventTypes.Created("txn_1"))]);
        var hosted = provider.GetServices<IHostedService>().Single();

        await hosted.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (handler.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        await hosted.StopAsync(CancellationToken.None);

        Assert.Equal(3, flaky.Failed);
        Assert.Equal([1L, 2L], handler.Received.Select(e => e.Position));
    }
}
