using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tx.EventStore.Providers;

namespace Tx.EventStore.ComplianceTests;

/// <summary>An event store built through the public DI entry point over a provider from the fixture.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private bool _started;

    internal TestStore(ServiceProvider services, string storeName)
    {
        Services = services;
        StoreName = storeName;
        Store = services.GetRequiredService<IEventStore>();
    }

    public ServiceProvider Services { get; }

    public string StoreName { get; }

    public IEventStore Store { get; }

    public IEventStoreProvider Provider => Store.Provider;

    public async Task StartHostedServicesAsync()
    {
        foreach (var service in Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        _started = true;
    }

    public async Task StopHostedServicesAsync()
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        foreach (var service in Services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostedServicesAsync();
        await Services.DisposeAsync();
    }
}
