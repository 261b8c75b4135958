using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.Retrying;

[OptionsValidator]
internal sealed partial class RetryWorkerOptionsValidator : IValidateOptions<RetryWorkerOptions>
{
}
