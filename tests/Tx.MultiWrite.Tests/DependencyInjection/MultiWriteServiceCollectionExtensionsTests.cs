using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Reconciliation;
using Tx.MultiWrite.Statistics;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.DependencyInjection;

public sealed class MultiWriteServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTxMultiWrite_RegistersWriterWorkerReconcilerAndStatistics()
    {
        var services = new ServiceCollection();

        services.AddTxMultiWrite().UseInMemoryLedger().AddTarget("a", _ => new InMemoryWriteTarget("a"));
        services.AddTxMultiWrite();

        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.NotNull(provider.GetRequiredService<IMultiWriter>());
        Assert.NotNull(provider.GetRequiredService<IMultiWriteReconciler>());
        Assert.NotNull(provider.GetRequiredService<IMultiWriteStatistics>());
        Assert.Single(provider.GetServices<IHostedService>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddTxMultiWrite_InvalidOptions_FailsAtStartup()
    {
        var services = new ServiceCollection();
        services.AddTxMultiWrite(o => o.MaxPayloadBytes = -1).UseInMemoryLedger();
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MultiWriteOptions>>().Value);
    }

    [Fact]
    public async Task AddTarget_NameMismatch_Throws()
    {
        var services = new ServiceCollection();
        services.AddTxMultiWrite().UseInMemoryLedger().AddTarget("a", _ => new InMemoryWriteTarget("b"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IMultiWriter>());
    }

    [Fact]
    public void AddTxMultiWrite_NullServices_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddTxMultiWrite());
    }
}
