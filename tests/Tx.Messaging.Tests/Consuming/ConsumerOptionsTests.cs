using System.Text.Json;
using Microsoft.Extensions.Options;
using Tx.Messaging.Consuming;

namespace Tx.Messaging.Tests.Consuming;

public class ConsumerOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new ConsumerOptions();

        Assert.Equal(string.Empty, options.GroupId);
        Assert.Empty(options.Topics);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryMaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryJitter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.HandlerTimeout);
        Assert.Equal(AutoOffsetReset.Earliest, options.AutoOffsetReset);
        Assert.Same(JsonSerializerOptions.Web, options.SerializerOptions);
    }

    [Fact]
    public void GroupIdAndTopics_Missing_EnsureValidationError()
    {
        ValidateOptionsResult result = new ConsumerOptionsValidator().Validate(null, new ConsumerOptions());

        Assert.True(result.Failed);
        Assert.Contains(nameof(ConsumerOptions.GroupId), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(ConsumerOptions.Topics), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlerTimeout_Invalid_EnsureValidationError()
    {
        var options = new ConsumerOptions { GroupId = "g", HandlerTimeout = TimeSpan.Zero, MaxRetries = -1 };
        options.Topics.Add("t");

        ValidateOptionsResult result = new ConsumerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(ConsumerOptions.HandlerTimeout), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(ConsumerOptions.MaxRetries), result.FailureMessage, StringComparison.Ordinal);
    }
}
