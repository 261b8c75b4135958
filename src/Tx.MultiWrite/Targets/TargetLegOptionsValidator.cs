using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.Targets;

[OptionsValidator]
internal sealed partial class TargetLegOptionsValidator : IValidateOptions<TargetLegOptions>
{
}
