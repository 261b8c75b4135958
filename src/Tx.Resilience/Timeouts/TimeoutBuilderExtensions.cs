using Tx.Resilience.Timeouts;

namespace Tx.Resilience;

/// <summary>Adds named timeouts to <see cref="ITxResilienceBuilder"/>.</summary>
public static class TimeoutBuilderExtensions
{
    /// <summary>Registers a named <see cref="TimeoutStrategy"/> singleton (a keyed service), with options validated at start-up.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The timeout's name.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static ITxResilienceBuilder AddTimeout(this ITxResilienceBuilder builder, string name, Action<TimeoutOptions>? configure = null) =>
        NamedInstanceRegistration.Add<TimeoutOptions, TimeoutOptionsValidator, TimeoutStrategy>(
            builder,
            name,
            configure,
            static (names, n) => names.Timeouts.Add(n),
            static (n, options, time, telemetry, _) => new TimeoutStrategy(n, options, time, telemetry));
}
