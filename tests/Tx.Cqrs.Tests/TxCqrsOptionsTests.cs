using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tx.Cqrs.Tests;

public sealed class TxCqrsOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new TxCqrsOptions();

        Assert.False(options.CreateScopePerDispatch);
        Assert.Equal(TimeSpan.FromSeconds(1), options.SlowDispatchThreshold);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_000_000)]
    public void SlowDispatchThreshold_Invalid_EnsureValidationError(int milliseconds)
    {
        var services = new ServiceCollection();
        services.AddTxCqrs(o => o.SlowDispatchThreshold = TimeSpan.FromMilliseconds(milliseconds));
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TxCqrsOptions>>().Value);

        Assert.Contains(exception.Failures, f => f.Contains(nameof(TxCqrsOptions.SlowDispatchThreshold), StringComparison.Ordinal));
    }
}
