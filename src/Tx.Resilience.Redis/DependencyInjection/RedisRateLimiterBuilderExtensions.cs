using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tx.Resilience.Redis.Embedded;
using Tx.Resilience.Redis.RateLimiting;
using Tx.Resilience.Redis.Telemetry;

namespace Tx.Resilience;

/// <summary>Adds named distributed (Redis) sliding-window limiters to <see cref="ITxResilienceBuilder"/>.</summary>
public static class RedisRateLimiterBuilderExtensions
{
    /// <summary>
    /// Adds a named Redis limiter, resolvable as the keyed singleton <see cref="RedisPartitionedRateLimiter"/> and
    /// <see cref="PartitionedRateLimiter{TResource}"/> of <see cref="string"/>. It uses the <see cref="IConnectionMultiplexer"/>
    /// registered in the container. When none is registered but an <see cref="EmbeddedGarnetServer"/> is, the limiter runs
    /// its script on that server in process, with no socket (the fastest path; single instance only). When neither is
    /// registered, an embedded Garnet server is started and used over loopback TCP (single instance and development
    /// only: several instances must share one Redis). Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The resilience builder.</param>
    /// <param name="name">The limiter's name (the service key and the metrics tag).</param>
    /// <param name="configure">Configures the options; 100 per 15 minutes per key when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddRedisRateLimiter(
        this ITxResilienceBuilder builder, string name, Action<RedisRateLimiterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        IServiceCollection services = builder.Services;
        OptionsBuilder<RedisRateLimiterOptions> options =
            services.AddOptionsWithValidateOnStart<RedisRateLimiterOptions, RedisRateLimiterOptionsValidator>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new RedisRateLimitingMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.TryAddKeyedSingleton<RedisPartitionedRateLimiter>(name, static (sp, key) =>
        {
            string limiterName = (string)key!;
            IConnectionMultiplexer? connection = sp.GetService<IConnectionMultiplexer>();
            EmbeddedGarnetServer? inProcess = connection is null ? sp.GetService<EmbeddedGarnetServer>() : null;
            return new RedisPartitionedRateLimiter(
                inProcess is null ? connection ?? sp.GetRequiredService<EmbeddedRedisConnection>().Connection : null,
                inProcess?.ScriptExecutor,
                sp.GetRequiredService<IOptionsMonitor<RedisRateLimiterOptions>>().Get(limiterName),
                sp.GetService<TimeProvider>(),
                sp.GetService<ILoggerFactory>(),
                sp.GetRequiredService<RedisRateLimitingMetrics>(),
                limiterName);
        });
        services.TryAddKeyedSingleton<PartitionedRateLimiter<string>>(
            name, static (sp, key) => sp.GetRequiredKeyedService<RedisPartitionedRateLimiter>(key));
        services.TryAddSingleton(static sp => new EmbeddedRedisConnection(sp.GetService<ILoggerFactory>()));
        return builder;
    }

    /// <summary>Adds a named Redis limiter whose options are bound from <paramref name="configuration"/>.</summary>
    /// <param name="builder">The resilience builder.</param>
    /// <param name="name">The limiter's name.</param>
    /// <param name="configuration">The section holding the <see cref="RedisRateLimiterOptions"/> properties.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddRedisRateLimiter(this ITxResilienceBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddRedisRateLimiter(builder, name);
        builder.Services.AddOptions<RedisRateLimiterOptions>(name).Bind(configuration);
        return builder;
    }
}
