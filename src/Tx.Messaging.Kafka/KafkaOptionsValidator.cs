using Microsoft.Extensions.Options;

namespace Tx.Messaging.Kafka;

[OptionsValidator]
internal sealed partial class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
}
