using Microsoft.Extensions.Options;

namespace Tx.EventStore.MySql;

/// <summary>Validates <see cref="MySqlEventStoreOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class MySqlEventStoreOptionsValidator : IValidateOptions<MySqlEventStoreOptions>
{
}
