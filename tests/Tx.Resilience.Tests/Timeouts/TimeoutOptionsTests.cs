using Microsoft.Extensions.Options;
using Tx.Resilience.Timeouts;

namespace Tx.Resilience.Tests.Timeouts;

public sealed class TimeoutOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new TimeoutOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.True(new TimeoutOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2 * 24 * 3600 * 1000.0)]
    public void Timeout_Invalid_EnsureValidationError(double milliseconds)
    {
        var options = new TimeoutOptions { Timeout = TimeSpan.FromMilliseconds(milliseconds) };

        ValidateOptionsResult result = new TimeoutOptionsValidator().Validate("t", options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(TimeoutOptions.Timeout), result.FailureMessage, StringComparison.Ordinal);
    }
}
