using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Spanner.Targets;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite;

/// <summary>Adds Cloud Spanner (PostgreSQL interface, Npgsql) to the multi-writer as a target.</summary>
public static class SpannerMultiWriteBuilderExtensions
{
    /// <summary>Adds a Spanner target (one leg of every write) reached through PGAdapter.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The Npgsql connection string of PGAdapter.</param>
    /// <param name="configure">Configures the target's tables, or <see langword="null"/>.</param>
    /// <param name="name">The target's name.</param>
    /// <param name="configureLeg">Configures the leg's breaker and timeout, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder AddSpannerTarget(this ITxMultiWriteBuilder builder, string connectionString, Action<SpannerTargetOptions>? configure = null, string name = "spanner", Action<TargetLegOptions>? configureLeg = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connectionString);
        builder.Services.AddOptions<SpannerTargetOptions>(name)
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpannerTargetOptions>, SpannerTargetOptionsValidator>());
        return builder.AddTarget(name, sp => new SpannerWriteTarget(name, sp.GetRequiredService<IOptionsMonitor<SpannerTargetOptions>>().Get(name)), configureLeg);
    }
}
