using Microsoft.Extensions.Options;

namespace Tx.Resilience.Bulkheads;

[OptionsValidator]
internal sealed partial class BulkheadOptionsValidator : IValidateOptions<BulkheadOptions>
{
}
