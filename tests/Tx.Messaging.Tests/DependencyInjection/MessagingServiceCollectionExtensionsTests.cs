using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tx.Messaging.ComplianceTests;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Topics;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Tests.DependencyInjection;

public class MessagingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTxMessaging_CalledTwice_RegistersInProcessTransportOnce()
    {
        var services = new ServiceCollection();

        services.AddTxMessaging();
        services.AddTxMessaging();
        using ServiceProvider provider = services.AddLogging().BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IMessageProducer));
        Assert.IsType<InProcessProducer>(provider.GetRequiredService<IMessageProducer>());
        Assert.IsType<InProcessConsumerFactory>(provider.GetRequiredService<IMessageConsumerFactory>());
        Assert.IsType<InProcessTopicAdministrator>(provider.GetRequiredService<ITopicAdministrator>());
    }

    [Fact]
    public void AddTxConsumer_TypeWithoutHandlerInterface_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddTxConsumer<MessageSink>([TopicNames.DomainEvents], "g"));
    }

    [Fact]
    public void AddTxConsumer_TwoGroups_RegistersTwoHostedServicesAndScopedHandler()
    {
        var services = new ServiceCollection();

        services.AddTxConsumer<RecordingHandler>([TopicNames.DomainEvents], "analytics");
        services.AddTxConsumer<RecordingHandler>([TopicNames.DomainEvents], "notifications");

        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Equal(ServiceLifetime.Scoped, Assert.Single(services, d => d.ServiceType == typeof(RecordingHandler)).Lifetime);
    }

    [Fact]
    public async Task AddTxConsumer_InvalidOptions_HostFailsAtStart()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(new MessageSink());
        builder.Services.AddTxConsumer<RecordingHandler>([TopicNames.DomainEvents], "g", o => o.HandlerTimeout = TimeSpan.Zero);
        using IHost host = builder.Build();

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("HandlerTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseInProcess_Options_AppliedToImplicitTopics()
    {
        var services = new ServiceCollection();
        services.AddTxMessaging().UseInProcess(o => o.DefaultPartitions = 12);
        using ServiceProvider provider = services.AddLogging().BuildServiceProvider();

        await provider.GetRequiredService<IMessageProducer>().ProduceAsync("t", new OutgoingMessage("k", new byte[] { 1 }));

        Assert.Equal(12, await provider.GetRequiredService<ITopicAdministrator>().GetPartitionCountAsync("t"));
    }
}
