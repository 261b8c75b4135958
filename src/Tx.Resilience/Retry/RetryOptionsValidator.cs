using Microsoft.Extensions.Options;

namespace Tx.Resilience.Retry;

[OptionsValidator]
internal sealed partial class RetryOptionsValidator : IValidateOptions<RetryOptions>
{
}
