using Microsoft.Extensions.Options;

namespace Tx.Resilience.Timeouts;

[OptionsValidator]
internal sealed partial class TimeoutOptionsValidator : IValidateOptions<TimeoutOptions>
{
}
