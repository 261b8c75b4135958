using Tx.Resilience.Bulkheads;

namespace Tx.Resilience;

/// <summary>Adds named bulkhead pools to <see cref="ITxResilienceBuilder"/>.</summary>
public static class BulkheadBuilderExtensions
{
    /// <summary>Registers a named <see cref="Bulkhead"/> pool singleton (a keyed service), with options validated at start-up.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The pool's name, for example <c>transaction-pool</c>.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static ITxResilienceBuilder AddBulkhead(this ITxResilienceBuilder builder, string name, Action<BulkheadOptions>? configure = null) =>
        NamedInstanceRegistration.Add<BulkheadOptions, BulkheadOptionsValidator, Bulkhead>(
            builder,
            name,
            configure,
            static (names, n) => names.Bulkheads.Add(n),
            static (n, options, time, telemetry, _) => new Bulkhead(n, options, time, telemetry));
}
