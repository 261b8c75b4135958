using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.MySql.Ledger;

[OptionsValidator]
internal sealed partial class MySqlLedgerOptionsValidator : IValidateOptions<MySqlLedgerOptions>
{
}
