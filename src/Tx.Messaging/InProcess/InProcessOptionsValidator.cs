using Microsoft.Extensions.Options;

namespace Tx.Messaging.InProcess;

[OptionsValidator]
internal sealed partial class InProcessOptionsValidator : IValidateOptions<InProcessOptions>
{
}
