using Microsoft.Extensions.Options;

namespace Tx.EventStore.MongoDB;

/// <summary>Validates <see cref="MongoDbEventStoreOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class MongoDbEventStoreOptionsValidator : IValidateOptions<MongoDbEventStoreOptions>
{
}
