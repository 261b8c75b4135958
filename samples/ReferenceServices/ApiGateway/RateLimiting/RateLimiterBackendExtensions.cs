using StackExchange.Redis;
using Tx.Resilience;
using Tx.Resilience.Redis.Embedded;
using Tx.Resilience.Redis.RateLimiting;

namespace ApiGateway.RateLimiting;

public static class RateLimiterBackendExtensions
{
    public const string LimiterName = "gateway";

    /// <summary>The distributed per-IP limiter: a real Redis when <c>ConnectionStrings:Redis</c> (or <c>Redis</c>) is set,
    /// otherwise an embedded Garnet server owned by the gateway, which the limiter calls in process. Falls back to an in-memory window while Redis is down.</summary>
    public static IServiceCollection AddGatewayRateLimiter(this IServiceCollection services, IConfiguration config, RateLimitSettings settings)
    {
        string? redis = config.GetConnectionString("Redis") ?? config["Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            // With an EmbeddedGarnetServer and no IConnectionMultiplexer registered, the limiter runs its script on the
            // server in process (no socket); the server still listens on loopback for other clients.
            services.AddSingleton(_ => EmbeddedGarnetServer.Start());
            services.AddSingleton(sp => new RateLimiterBackend("garnet-embedded", $"127.0.0.1:{sp.GetRequiredService<EmbeddedGarnetServer>().Port}"));
            if (!settings.EmbeddedInProcess)
            {
                services.AddSingleton<IConnectionMultiplexer>(sp => ConnectionMultiplexer.Connect(sp.GetRequiredService<EmbeddedGarnetServer>().ConnectionString));
            }
        }
        else
        {
            ConfigurationOptions options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // start even while Redis is down: the failure policy covers it
            services.AddSingleton(new RateLimiterBackend("redis", string.Join(",", options.EndPoints.Select(e => e.ToString()))));
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        }

        services.AddTxResilience().AddRedisRateLimiter(LimiterName, o =>
        {
            o.PermitLimit = settings.PermitLimit;
            o.Window = settings.Window;
            o.KeyPrefix = "tx:ratelimit:gateway:";
            o.FailurePolicy = RedisFailurePolicy.FallBackToInMemory;
            o.RejectionCacheMaxKeys = settings.RejectionCacheMaxKeys;
            if (InlineIo.IsRequested(config))
            {
                // The direct transport's lone decision blocks its thread for a Redis round trip; with inline I/O that
                // thread serves every connection's socket, so decisions go through the connection's async socket instead.
                o.Transport = RedisTransport.StackExchangeRedis;
            }
        });
        services.AddSingleton<IClientRateLimiter>(sp => new RedisClientRateLimiter(sp.GetRequiredKeyedService<RedisPartitionedRateLimiter>(LimiterName)));
        return services;
    }
}
