using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.MySql.Targets;

[OptionsValidator]
internal sealed partial class MySqlTargetOptionsValidator : IValidateOptions<MySqlTargetOptions>
{
}
