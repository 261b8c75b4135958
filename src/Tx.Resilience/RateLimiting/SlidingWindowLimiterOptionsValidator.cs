using Microsoft.Extensions.Options;

namespace Tx.Resilience.RateLimiting;

/// <summary>Validates <see cref="SlidingWindowLimiterOptions"/> at start-up and in the limiters' constructors.</summary>
[OptionsValidator]
internal sealed partial class SlidingWindowLimiterOptionsValidator : IValidateOptions<SlidingWindowLimiterOptions>
{
}
