using Microsoft.Extensions.DependencyInjection;

namespace ReferenceServices.ServiceDefaults.Hosting;

/// <summary>Backends shared by every service of one process: the in-process message broker (one container that
/// owns the transport; each service's container forwards producer, consumer factory and topic administrator to it).</summary>
public sealed class SharedBackends : IAsyncDisposable
{
    public SharedBackends()
    {
        ServiceCollection services = new();
        services.AddLogging();
        services.AddTxMessaging();
        MessagingHub = services.BuildServiceProvider();
    }

    public ServiceProvider MessagingHub { get; }

    public ValueTask DisposeAsync() => MessagingHub.DisposeAsync();
}
