using Microsoft.Extensions.Options;

namespace Tx.EventStore.PostgreSql;

/// <summary>Validates <see cref="PostgreSqlEventStoreOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlEventStoreOptionsValidator : IValidateOptions<PostgreSqlEventStoreOptions>
{
}
