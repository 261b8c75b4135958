using Microsoft.Extensions.Options;

namespace Tx.Resilience.RateLimiting;

/// <summary>Turns a failed options validation into an <see cref="ArgumentException"/> that lists every error.</summary>
internal static class OptionsGuard
{
    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options, string paramName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        ValidateOptionsResult result = validator.Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, paramName);
        }
    }
}
