using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.Spanner.Targets;

[OptionsValidator]
internal sealed partial class SpannerTargetOptionsValidator : IValidateOptions<SpannerTargetOptions>
{
}
