using Microsoft.Extensions.Options;

namespace Tx.EventStore.Sqlite;

/// <summary>Validates <see cref="SqliteEventStoreOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class SqliteEventStoreOptionsValidator : IValidateOptions<SqliteEventStoreOptions>
{
}
