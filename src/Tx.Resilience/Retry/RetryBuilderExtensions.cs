using Tx.Resilience.Retry;

namespace Tx.Resilience;

/// <summary>Adds named retries to <see cref="ITxResilienceBuilder"/>.</summary>
public static class RetryBuilderExtensions
{
    /// <summary>Registers a named <see cref="RetryStrategy"/> singleton (a keyed service), with options validated at start-up.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The retry's name.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static ITxResilienceBuilder AddRetry(this ITxResilienceBuilder builder, string name, Action<RetryOptions>? configure = null) =>
        NamedInstanceRegistration.Add<RetryOptions, RetryOptionsValidator, RetryStrategy>(
            builder,
            name,
            configure,
            static (names, n) => names.Retries.Add(n),
            static (n, options, time, telemetry, _) => new RetryStrategy(n, options, time, telemetry, null));
}
