using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.MongoDB.Targets;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite;

/// <summary>Adds MongoDB to the multi-writer as a target.</summary>
public static class MongoMultiWriteBuilderExtensions
{
    /// <summary>Adds a MongoDB target (one leg of every write).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="configure">Configures the database and collections, or <see langword="null"/>.</param>
    /// <param name="name">The target's name.</param>
    /// <param name="configureLeg">Configures the leg's breaker and timeout, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder AddMongoTarget(this ITxMultiWriteBuilder builder, string connectionString, Action<MongoTargetOptions>? configure = null, string name = "mongodb", Action<TargetLegOptions>? configureLeg = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connectionString);
        builder.Services.AddOptions<MongoTargetOptions>(name)
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MongoTargetOptions>, MongoTargetOptionsValidator>());
        return builder.AddTarget(name, sp => new MongoWriteTarget(name, sp.GetRequiredService<IOptionsMonitor<MongoTargetOptions>>().Get(name)), configureLeg);
    }
}
