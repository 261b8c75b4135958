using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.Sqlite.Ledger;

[OptionsValidator]
internal sealed partial class SqliteLedgerOptionsValidator : IValidateOptions<SqliteLedgerOptions>
{
}
