using Microsoft.Extensions.Options;

namespace Tx.Resilience;

/// <summary>Runs an options validator at construction so that a standalone instance fails as early as a DI one.</summary>
internal static class OptionsGuard
{
    public static void Validate<TOptions>(IValidateOptions<TOptions> validator, string name, TOptions options)
        where TOptions : class
    {
        ValidateOptionsResult result = validator.Validate(name, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(name, typeof(TOptions), result.Failures);
        }
    }
}
