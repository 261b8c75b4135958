using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience;

/// <summary>Adds named sliding-window limiters to <see cref="ITxResilienceBuilder"/>.</summary>
public static class SlidingWindowLimiterBuilderExtensions
{
    /// <summary>
    /// Adds a named sliding-window limiter, resolvable as the keyed singleton <see cref="RateLimiter"/> and
    /// <see cref="SlidingWindowLimiter"/> with key <paramref name="name"/>. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The resilience builder.</param>
    /// <param name="name">The limiter's name (the service key and the metrics tag).</param>
    /// <param name="configure">Configures the options; the guide's 100 per 15 minutes when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddSlidingWindowLimiter(
        this ITxResilienceBuilder builder, string name, Action<SlidingWindowLimiterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        OptionsBuilder<SlidingWindowLimiterOptions> options = builder.Services
            .AddOptionsWithValidateOnStart<SlidingWindowLimiterOptions, SlidingWindowLimiterOptionsValidator>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        AddCore(builder.Services);
        builder.Services.TryAddKeyedSingleton<SlidingWindowLimiter>(name, static (services, key) =>
        {
            string limiterName = (string)key!;
            SlidingWindowLimiterOptions settings = services.GetRequiredService<IOptionsMonitor<SlidingWindowLimiterOptions>>().Get(limiterName);
            TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            RateLimitingMetrics metrics = services.GetRequiredService<RateLimitingMetrics>();
            return settings.Algorithm == SlidingWindowAlgorithm.Log
                ? new SlidingWindowLogRateLimiter(settings, time, metrics, limiterName)
                : new SlidingWindowCounterRateLimiter(settings, time, metrics, limiterName);
        });
        builder.Services.TryAddKeyedSingleton<RateLimiter>(
            name, static (services, key) => services.GetRequiredKeyedService<SlidingWindowLimiter>(key));
        return builder;
    }

    /// <summary>Adds a named sliding-window limiter whose options are bound from <paramref name="configuration"/>.</summary>
    /// <param name="builder">The resilience builder.</param>
    /// <param name="name">The limiter's name (the service key and the metrics tag).</param>
    /// <param name="configuration">The section holding PermitLimit, Window, QueueLimit and Algorithm.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddSlidingWindowLimiter(
        this ITxResilienceBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddSlidingWindowLimiter(builder, name);
        builder.Services.AddOptions<SlidingWindowLimiterOptions>(name).Bind(configuration);
        return builder;
    }

    /// <summary>
    /// Adds a named per-key sliding-window limiter, resolvable as the keyed singleton
    /// <see cref="PartitionedRateLimiter{TResource}"/> and <see cref="PartitionedSlidingWindowRateLimiter{TKey}"/>
    /// with key <paramref name="name"/>. Options are validated at start-up.
    /// </summary>
    /// <typeparam name="TKey">The partition key, for example the client IP as a string.</typeparam>
    /// <param name="builder">The resilience builder.</param>
    /// <param name="name">The limiter's name (the service key and the metrics tag).</param>
    /// <param name="configure">Configures the options; 100 per 15 minutes per key when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddPartitionedSlidingWindowLimiter<TKey>(
        this ITxResilienceBuilder builder, string name, Action<PartitionedSlidingWindowLimiterOptions>? configure = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        OptionsBuilder<PartitionedSlidingWindowLimiterOptions> options = builder.Services
            .AddOptionsWithValidateOnStart<PartitionedSlidingWindowLimiterOptions, PartitionedSlidingWindowLimiterOptionsValidator>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        AddCore(builder.Services);
        builder.Services.TryAddKeyedSingleton<PartitionedSlidingWindowRateLimiter<TKey>>(name, static (services, key) =>
        {
            string limiterName = (string)key!;
            return new PartitionedSlidingWindowRateLimiter<TKey>(
                services.GetRequiredService<IOptionsMonitor<PartitionedSlidingWindowLimiterOptions>>().Get(limiterName),
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                keyComparer: null,
                services.GetRequiredService<RateLimitingMetrics>(),
                limiterName);
        });
        builder.Services.TryAddKeyedSingleton<PartitionedRateLimiter<TKey>>(
            name, static (services, key) => services.GetRequiredKeyedService<PartitionedSlidingWindowRateLimiter<TKey>>(key));
        return builder;
    }

    /// <summary>Adds a named per-key sliding-window limiter whose options are bound from <paramref name="configuration"/>.</summary>
    /// <typeparam name="TKey">The partition key.</typeparam>
    /// <param name="builder">The resilience builder.</param>
    /// <param name="name">The limiter's name.</param>
    /// <param name="configuration">The section holding PermitLimit, Window, Algorithm, MaxTrackedKeys and EvictionInterval.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxResilienceBuilder AddPartitionedSlidingWindowLimiter<TKey>(
        this ITxResilienceBuilder builder, string name, IConfiguration configuration)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddPartitionedSlidingWindowLimiter<TKey>(builder, name);
        builder.Services.AddOptions<PartitionedSlidingWindowLimiterOptions>(name).Bind(configuration);
        return builder;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new RateLimitingMetrics(sp.GetRequiredService<IMeterFactory>()));
    }
}
