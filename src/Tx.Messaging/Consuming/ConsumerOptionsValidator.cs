using Microsoft.Extensions.Options;

namespace Tx.Messaging.Consuming;

[OptionsValidator]
internal sealed partial class ConsumerOptionsValidator : IValidateOptions<ConsumerOptions>
{
}
