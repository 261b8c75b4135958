using Microsoft.Extensions.Options;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public class InProcessOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new InProcessOptions();

        Assert.Equal(3, options.DefaultPartitions);
        Assert.Equal(10_000, options.PartitionCapacity);
    }

    [Fact]
    public void PartitionCapacity_Invalid_EnsureValidationError()
    {
        ValidateOptionsResult result = new InProcessOptionsValidator().Validate(null, new InProcessOptions { PartitionCapacity = 0, DefaultPartitions = 0 });

        Assert.True(result.Failed);
        Assert.Contains(nameof(InProcessOptions.PartitionCapacity), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(InProcessOptions.DefaultPartitions), result.FailureMessage, StringComparison.Ordinal);
    }
}
