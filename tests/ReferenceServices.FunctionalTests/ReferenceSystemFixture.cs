using System.Net.Http.Json;
using ReferenceServices.AppHost;
using ReferenceServices.Contracts;
using Tx.TestUtilities;

namespace ReferenceServices.FunctionalTests;

/// <summary>The whole system in-process on free ports, a temporary data folder, and an HttpClient on the gateway.
/// The breaker's break duration is short (1 s) so HALF_OPEN → CLOSED is observable without a fake clock.</summary>
public sealed class ReferenceSystemFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "tx-refsvc-" + Guid.NewGuid().ToString("N"));

    public ReferenceSystem System { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dictionary<string, string?> settings = new()
        {
            ["ReferenceServices:DataDirectory"] = DataDirectory,
            ["ReferenceServices:Seed"] = "false",
            ["Gateway:RateLimit:TrustForwardedFor"] = "true",
            ["Gateway:BreakDuration"] = "00:00:01",
            ["Gateway:MinimumThroughput"] = "4",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (string name in ServiceNames.DefaultPorts.Keys)
        {
            settings[$"Services:{name}"] = $"http://127.0.0.1:{FreePort.Next()}";
        }

        System = await ReferenceSystem.StartAsync([], settings);
        Gateway = new HttpClient { BaseAddress = new Uri(settings[$"Services:{ServiceNames.Gateway}"]!) };
    }

    /// <summary>A request through the gateway as a distinct client, so tests don't share a rate-limit window.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? client = null)
    {
        HttpRequestMessage request = new(method, path);
        request.Headers.Add("X-Forwarded-For", client ?? $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<AccountDto> CreateAccountAsync(string userId, string currency, decimal balance)
    {
        using HttpResponseMessage response = await Gateway.SendAsync(Request(HttpMethod.Post, "/api/account/accounts", new { userId, currency, initialBalance = balance }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AccountDto>())!;
    }

    public async Task<AccountDto> GetAccountAsync(string id)
    {
        using HttpResponseMessage response = await Gateway.SendAsync(Request(HttpMethod.Get, $"/api/account/accounts/{id}"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AccountDto>())!;
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await System.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
