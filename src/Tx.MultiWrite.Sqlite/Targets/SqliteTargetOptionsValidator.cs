using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.Sqlite.Targets;

[OptionsValidator]
internal sealed partial class SqliteTargetOptionsValidator : IValidateOptions<SqliteTargetOptions>
{
}
