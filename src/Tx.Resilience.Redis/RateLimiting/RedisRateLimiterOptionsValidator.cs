using Microsoft.Extensions.Options;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>Validates <see cref="RedisRateLimiterOptions"/> at start-up and in the limiter's constructor.</summary>
[OptionsValidator]
internal sealed partial class RedisRateLimiterOptionsValidator : IValidateOptions<RedisRateLimiterOptions>
{
}
