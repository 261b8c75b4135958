using Microsoft.Extensions.Options;

namespace Tx.Cqrs.DependencyInjection;

/// <summary>Checks the data annotations of <see cref="TxCqrsOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class TxCqrsOptionsValidator : IValidateOptions<TxCqrsOptions>
{
}
