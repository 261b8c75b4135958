using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Tests;

public sealed class MultiWriteOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new MultiWriteOptions();

        Assert.Equal(256 * 1024, options.MaxPayloadBytes);
        Assert.Equal(200, options.MaxKeyLength);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FirstAttemptLease);
        Assert.Equal(ConsistencyPolicy.ForwardRecovery, options.DefaultPolicy);
        Assert.Empty(options.RecordTypes);
        Assert.True(options.CreateSchema);
        Assert.Equal(ConsistencyPolicy.ForwardRecovery, new RecordTypeOptions().Policy);
    }

    [Fact]
    public void MaxPayloadBytes_Invalid_EnsureValidationError()
    {
        var result = new MultiWriteOptionsValidator().Validate(null, new MultiWriteOptions { MaxPayloadBytes = 0 });

        Assert.True(result.Failed);
        Assert.Contains("MaxPayloadBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetLegOptions_Defaults_AreTheGuides()
    {
        var options = new TargetLegOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(0.5, options.FailureRatio);
        Assert.Equal(10, options.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BreakDuration);
        Assert.True(new TargetLegOptionsValidator().Validate(null, new TargetLegOptions { Timeout = TimeSpan.Zero }).Failed);
    }
}
