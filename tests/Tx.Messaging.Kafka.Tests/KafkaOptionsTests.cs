using Microsoft.Extensions.Options;

namespace Tx.Messaging.Kafka.Tests;

public class KafkaOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new KafkaOptions();

        Assert.Equal(string.Empty, options.BootstrapServers);
        Assert.Equal("tx-messaging", options.ClientId);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MessageTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(5), options.Linger);
        Assert.Equal(100_000, options.QueueBufferingMaxMessages);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FlushTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), options.SessionTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.AutoCommitInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AdminRequestTimeout);
        Assert.Empty(options.ClientSettings);
    }

    [Fact]
    public void BootstrapServers_Invalid_EnsureValidationError()
    {
        ValidateOptionsResult result = new KafkaOptionsValidator().Validate(null, new KafkaOptions());

        Assert.True(result.Failed);
        Assert.Contains(nameof(KafkaOptions.BootstrapServers), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageTimeout_Invalid_EnsureValidationError()
    {
        ValidateOptionsResult result = new KafkaOptionsValidator().Validate(null, new KafkaOptions { BootstrapServers = "b:9092", MessageTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains(nameof(KafkaOptions.MessageTimeout), result.FailureMessage, StringComparison.Ordinal);
    }
}
