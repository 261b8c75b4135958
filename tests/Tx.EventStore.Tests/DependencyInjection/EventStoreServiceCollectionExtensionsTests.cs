using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tx.EventStore.Aggregates;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.InMemory;
using Tx.EventStore.Providers;

namespace Tx.EventStore.Tests.DependencyInjection;

public sealed class EventStoreServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTxEventStore_Defaults_InMemoryProviderStoreAndRepository()
    {
        var services = new ServiceCollection();
        services.AddTxEventStore();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<InMemoryEventStoreProvider>(provider.GetRequiredService<IEventStore>().Provider);
        Assert.NotNull(provider.GetRequiredService<AggregateRepository<TransactionAggregate>>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddTxEventStore_CalledTwice_RegistersOneStore()
    {
        var services = new ServiceCollection();
        services.AddTxEventStore();
        services.AddTxEventStore();

        Assert.Single(services, d => d.ServiceType == typeof(IEventStore));
        Assert.Single(services, d => d.ServiceType == typeof(IEventStoreProvider));
    }

    [Fact]
    public void UseProvider_ReplacesTheDefault()
    {
        var custom = new InMemoryEventStoreProvider();
        var services = new ServiceCollection();
        services.AddTxEventStore().UseProvider(_ => custom);
        using var provider = services.BuildServiceProvider();

        Assert.Same(custom, provider.GetRequiredService<IEventStore>().Provider);
        Assert.Single(services, d => d.ServiceType == typeof(IEventStoreProvider));
    }

    [Fact]
    public void AddTxEventStore_Configuration_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventStore:MaxEventSize"] = "2048",
            ["EventStore:Snapshots:Interval"] = "50",
            ["EventStore:Retention:MaxCount"] = "10",
        }).Build();
        var services = new ServiceCollection();
        services.AddTxEventStore(configuration.GetSection("EventStore")).AddEventType<TransactionCreated>("TransactionCreated");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<EventStoreOptions>>().Value;

        Assert.Equal(2048, options.MaxEventSize);
        Assert.Equal(50, options.Snapshots.Interval);
        Assert.Equal(10, options.Retention.MaxCount);
        Assert.True(options.Types.TryGetRegistration(typeof(TransactionCreated), out _));
    }

    [Fact]
    public void AddSubscription_RegistersOneHostedServicePerSubscription()
    {
        var services = new ServiceCollection();
        services.AddTxEventStore()
            .AddOutbox("outbox", (_, _) => ValueTask.CompletedTask)
            .AddMirror("mirror", _ => new InMemoryEventStoreProvider());
        using var provider = services.BuildServiceProvider();

        Assert.Equal(2, provider.GetServices<IHostedService>().Count());
    }

    [Fact]
    public async Task AddSubscription_InvalidOptions_FailAtStart()
    {
        var services = new ServiceCollection();
        services.AddTxEventStore().AddOutbox("bad", (_, _) => ValueTask.CompletedTask, o => o.BatchSize = 0);
        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<OptionsValidationException>(() => provider.GetServices<IHostedService>().Single().StartAsync(CancellationToken.None));
    }
}
