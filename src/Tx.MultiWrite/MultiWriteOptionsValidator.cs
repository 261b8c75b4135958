using Microsoft.Extensions.Options;

namespace Tx.MultiWrite;

[OptionsValidator]
internal sealed partial class MultiWriteOptionsValidator : IValidateOptions<MultiWriteOptions>
{
}
