using Microsoft.Extensions.Options;

namespace Tx.EventStore.Subscriptions;

/// <summary>Validates <see cref="SubscriptionOptions"/> at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>
{
}
