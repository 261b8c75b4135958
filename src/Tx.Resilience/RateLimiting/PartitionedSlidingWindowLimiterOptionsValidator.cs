using Microsoft.Extensions.Options;

namespace Tx.Resilience.RateLimiting;

/// <summary>Validates <see cref="PartitionedSlidingWindowLimiterOptions"/> at start-up and in the constructor.</summary>
[OptionsValidator]
internal sealed partial class PartitionedSlidingWindowLimiterOptionsValidator : IValidateOptions<PartitionedSlidingWindowLimiterOptions>
{
}
