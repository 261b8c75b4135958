using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ApiGateway;
using ApiGateway.RateLimiting;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;
using Tx.Resilience.Redis.RateLimiting;
using Tx.TestUtilities;

namespace ReferenceServices.FunctionalTests;

/// <summary>The gateway's benchmark modes (benchmarks/ReferenceServices/run.sh) and its inline-I/O option, each started
/// alone with the risk route pointed at a bare downstream app that answers <c>/ping</c> with no headers of its own.</summary>
public sealed class GatewayBenchmarkModesTests : IAsyncLifetime
{
    private readonly string _downstreamUrl = $"http://127.0.0.1:{FreePort.Next()}";
    private WebApplication _downstream = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_downstreamUrl);
        _downstream = builder.Build();
        _downstream.MapGet("/ping", () => "pong");
        await _downstream.StartAsync();
    }

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task BenchmarkWithoutRateLimit_ProxiedRequest_KeepsEveryOtherPolicyButNoLimitHeaders()
    {
        // Arrange
        await using WebApplication gateway = await StartGatewayAsync(("Gateway:BenchmarkWithoutRateLimit", "true"));
        using HttpClient client = new() { BaseAddress = new Uri(gateway.Urls.Single()) };

        // Act
        using HttpResponseMessage response = await client.GetAsync(new Uri("/api/risk/ping", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("risk", response.Headers.GetValues("X-Service").Single());
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        Assert.False(response.Headers.Contains("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task PlainProxy_ProxiedRequest_HasNoPolicyHeaders()
    {
        // Arrange
        await using WebApplication gateway = await StartGatewayAsync(("Gateway:PlainProxy", "true"));
        using HttpClient client = new() { BaseAddress = new Uri(gateway.Urls.Single()) };

        // Act
        using HttpResponseMessage response = await client.GetAsync(new Uri("/api/risk/ping", UriKind.Relative));

        // Assert: only YARP's route transform (X-Service); no limit, no security headers.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("risk", response.Headers.GetValues("X-Service").Single());
        Assert.False(response.Headers.Contains("X-RateLimit-Remaining"));
        Assert.False(response.Headers.Contains("X-Content-Type-Options"));
    }

    [Fact]
    public async Task DefaultMode_ProxiedRequest_CountsAgainstTheLimit()
    {
        // Arrange
        await using WebApplication gateway = await StartGatewayAsync();
        using HttpClient client = new() { BaseAddress = new Uri(gateway.Urls.Single()) };

        // Act
        using HttpResponseMessage response = await client.GetAsync(new Uri("/api/risk/ping", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("99", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task InlineIo_ProxiedRequest_KeepsEveryPolicyOnKestrelsInlineScheduling()
    {
        // Arrange
        await using WebApplication gateway = await StartGatewayAsync((InlineIo.ConfigurationKey, "true"));
        using HttpClient client = new() { BaseAddress = new Uri(gateway.Urls.Single()) };

        // Act
        using HttpResponseMessage response = await client.GetAsync(new Uri("/api/risk/ping", UriKind.Relative));

        // Assert
        Assert.True(gateway.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", await response.Content.ReadAsStringAsync());
        Assert.Equal("99", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("risk", response.Headers.GetValues("X-Service").Single());
    }

    [Theory]
    [InlineData(false, RedisTransport.Direct)]
    [InlineData(true, RedisTransport.StackExchangeRedis)]
    public async Task ExternalRedis_InlineIo_LimiterNeverBlocksTheSocketThread(bool inlineIo, RedisTransport expected)
    {
        // Arrange: an external Redis (nothing needs to listen: the gateway starts while Redis is down).
        await using WebApplication gateway = await StartGatewayAsync(
            (InlineIo.ConfigurationKey, inlineIo ? "true" : "false"),
            ("ConnectionStrings:Redis", $"127.0.0.1:{FreePort.Next()},connectTimeout=200"));

        // Act
        RedisRateLimiterOptions limiter = gateway.Services.GetRequiredService<IOptionsMonitor<RedisRateLimiterOptions>>()
            .Get(RateLimiterBackendExtensions.LimiterName);

        // Assert: the direct transport blocks its caller for a round trip, so it is off when the caller is the socket thread.
        Assert.Equal(expected, limiter.Transport);
    }

    [Fact]
    public async Task DefaultMode_Transport_HandsRequestsToTheThreadPool()
    {
        // Arrange
        await using WebApplication gateway = await StartGatewayAsync();

        // Act
        SocketTransportOptions transport = gateway.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        // Assert
        Assert.False(transport.UnsafePreferInlineScheduling);
    }

    private async Task<WebApplication> StartGatewayAsync(params (string Key, string Value)[] overrides)
    {
        string self = $"http://127.0.0.1:{FreePort.Next()}";
        Dictionary<string, string?> settings = new()
        {
            ["ReferenceServices:DataDirectory"] = Path.Combine(Path.GetTempPath(), "tx-refsvc-gw-" + Guid.NewGuid().ToString("N")),
            [$"Services:{ServiceNames.Gateway}"] = self,
            ["Services:risk"] = _downstreamUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach ((string key, string value) in overrides)
        {
            settings[key] = value;
        }

        WebApplication gateway = GatewayApp.CreateApp(new ServiceHostContext([], settings, null));
        await gateway.StartAsync();
        return gateway;
    }
}
