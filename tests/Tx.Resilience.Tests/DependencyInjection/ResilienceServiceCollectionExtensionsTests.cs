using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Tx.Resilience.Tests.DependencyInjection;

public sealed partial class ResilienceServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTxResilience_WhenNoTimeProviderRegistered_UsesSystemClock()
    {
        var services = new ServiceCollection();

        var builder = services.AddTxResilience();

        Assert.Same(services, builder.Services);
        using var provider = services.BuildServiceProvider();
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddTxResilience_WhenTimeProviderRegistered_KeepsIt()
    {
        var fake = new FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(fake);

        services.AddTxResilience();
        services.AddTxResilience();

        using var provider = services.BuildServiceProvider();
        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }

    [Fact]
    public void AddTxResilience_NullServices_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddTxResilience());
    }
}
