using Microsoft.Extensions.Options;

namespace Tx.Resilience.CircuitBreaking;

[OptionsValidator]
internal sealed partial class CircuitBreakerOptionsValidator : IValidateOptions<CircuitBreakerOptions>
{
}
