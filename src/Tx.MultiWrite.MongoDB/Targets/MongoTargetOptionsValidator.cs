using Microsoft.Extensions.Options;

namespace Tx.MultiWrite.MongoDB.Targets;

[OptionsValidator]
internal sealed partial class MongoTargetOptionsValidator : IValidateOptions<MongoTargetOptions>
{
}
