using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience;

/// <summary>Adds named circuit breakers to <see cref="ITxResilienceBuilder"/>.</summary>
public static class CircuitBreakerBuilderExtensions
{
    /// <summary>
    /// Registers a named <see cref="CircuitBreaker"/> singleton (a keyed service, also reachable through <see cref="ResilienceRegistry"/>),
    /// with options named <paramref name="name"/> validated at start-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The breaker's name, for example the dependency it protects.</param>
    /// <param name="configure">Configures the options; configuration bound by <c>AddTxResilience(configuration)</c> applies first.</param>
    /// <returns>The builder.</returns>
    public static ITxResilienceBuilder AddCircuitBreaker(this ITxResilienceBuilder builder, string name, Action<CircuitBreakerOptions>? configure = null) =>
        NamedInstanceRegistration.Add<CircuitBreakerOptions, CircuitBreakerOptionsValidator, CircuitBreaker>(
            builder,
            name,
            configure,
            static (names, n) => names.CircuitBreakers.Add(n),
            static (n, options, time, telemetry, _) => new CircuitBreaker(n, options, time, telemetry));
}
