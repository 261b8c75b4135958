using System.Globalization;
using System.Net;
using System.Text.Json;
using ReferenceServices.Contracts;

namespace ReferenceServices.FunctionalTests;

[Collection(ReferenceSystemCollection.Name)]
public sealed class GatewayTests(ReferenceSystemFixture fixture)
{
    [Fact]
    public async Task RateLimit_101stRequestInWindow_Gets429WithRetryAfterAndHeadersCountDown()
    {
        string client = "192.0.2.77";
        List<int> remaining = [];
        for (int i = 0; i < 100; i++)
        {
            using HttpResponseMessage ok = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/risk/health", client: client));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add(int.Parse(ok.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture));
            string reset = ok.Headers.GetValues("X-RateLimit-Reset").Single();
            Assert.True(DateTimeOffset.TryParseExact(reset, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), reset);
        }

        using HttpResponseMessage limited = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/risk/health", client: client));

        Assert.Equal(Enumerable.Range(0, 100).Reverse(), remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RateLimit_OneCommandDefaults_Are100Per15MinutesKeptInTheEmbeddedGarnet()
    {
        // The fixture, like the one-command AppHost, sets no Gateway:RateLimit values and no Redis connection string.
        string client = "192.0.2.78";
        using HttpResponseMessage first = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/risk/health", client: client));
        using HttpResponseMessage second = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/risk/health", client: client));
        using HttpResponseMessage health = await fixture.Gateway.GetAsync(new Uri("/health", UriKind.Relative));
        JsonElement limiter = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("rateLimiter");

        Assert.Equal("100", first.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal(["99", "98"], new[] { first, second }.Select(r => r.Headers.GetValues("X-RateLimit-Remaining").Single()));
        Assert.Equal("garnet-embedded", limiter.GetProperty("backend").GetString());
        DateTimeOffset reset = DateTimeOffset.ParseExact(first.Headers.GetValues("X-RateLimit-Reset").Single(), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(5));

        // The window lives in Garnet, not in the gateway's memory: the exact log of a limit up to 1,000 is one string
        // with a 16-digit grant time per request.
        using StackExchange.Redis.ConnectionMultiplexer garnet = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(limiter.GetProperty("endpoint").GetString()!);
        StackExchange.Redis.IDatabase db = garnet.GetDatabase();
        Assert.Equal(StackExchange.Redis.RedisType.String, await db.KeyTypeAsync($"tx:ratelimit:gateway:{client}"));
        Assert.Equal(2 * 16, await db.StringLengthAsync($"tx:ratelimit:gateway:{client}"));
        TimeSpan? ttl = await db.KeyTimeToLiveAsync($"tx:ratelimit:gateway:{client}");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(2));
        Assert.Equal(100, new ApiGateway.GatewayOptions().RateLimit.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(15), new ApiGateway.GatewayOptions().RateLimit.Window);
    }

    [Fact]
    public async Task Proxy_AnyRoute_AddsSecurityHeadersAndXService()
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/currency/currency/rates"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("currency", response.Headers.GetValues("X-Service").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Breaker_ServiceStoppedThenBack_OpensFailsFastThenHalfOpensAndCloses()
    {
        await fixture.System.StopServiceAsync(ServiceNames.Currency);
        try
        {
            for (int i = 0; i < 6; i++)
            {
                using HttpResponseMessage failed = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/currency/currency/rates"));
                Assert.True((int)failed.StatusCode >= 500);
            }

            Assert.Equal("OPEN", await BreakerStateAsync("currency"));
            using HttpResponseMessage fast = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/currency/currency/rates"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, fast.StatusCode);
            Assert.NotNull(fast.Headers.RetryAfter);
        }
        finally
        {
            await fixture.System.StartServiceAsync(ServiceNames.Currency);
        }

        HttpStatusCode last = default;
        await Tx.TestUtilities.Eventually.WaitAsync(async () =>
        {
            using HttpResponseMessage probe = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/currency/currency/rates"));
            last = probe.StatusCode;
            return probe.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(15), "the breaker lets a probe through after the break and closes");

        Assert.Equal(HttpStatusCode.OK, last);
        Assert.Equal("CLOSED", await BreakerStateAsync("currency"));
        string[] transitions = await BreakerTransitionsAsync("currency");
        Assert.Equal(["OPEN", "HALF_OPEN", "CLOSED"], transitions[^3..]);
    }

    [Fact]
    public async Task Health_Always_HasTheGuideShape()
    {
        using HttpResponseMessage response = await fixture.Gateway.GetAsync(new Uri("/health", UriKind.Relative));
        using JsonDocument health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = health.RootElement;

        Assert.Contains(root.GetProperty("status").GetString(), new[] { "healthy", "degraded" });
        Assert.Contains("transaction", root.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("circuitBreakers").GetProperty("user").GetProperty("failureRate").ValueKind);
        Assert.Equal(15, root.GetProperty("bulkheadStats").GetProperty("user-pool").GetProperty("capacity").GetInt32());
    }

    private async Task<string[]> BreakerTransitionsAsync(string service)
    {
        using HttpResponseMessage response = await fixture.Gateway.GetAsync(new Uri("/health", UriKind.Relative));
        using JsonDocument health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. health.RootElement.GetProperty("circuitBreakers").GetProperty(service).GetProperty("transitions").EnumerateArray().Select(e => e.GetString()!)];
    }

    private async Task<string?> BreakerStateAsync(string service)
    {
        using HttpResponseMessage response = await fixture.Gateway.GetAsync(new Uri("/health", UriKind.Relative));
        using JsonDocument health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("circuitBreakers").GetProperty(service).GetProperty("state").GetString();
    }
}
