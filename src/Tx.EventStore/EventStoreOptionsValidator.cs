using Microsoft.Extensions.Options;

namespace Tx.EventStore;

/// <summary>Validates <see cref="EventStoreOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class EventStoreOptionsValidator : IValidateOptions<EventStoreOptions>
{
}
