using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using Tx.EventStore;
using Tx.EventStore.Reading;

namespace ReferenceServices.FunctionalTests;

[Collection(ReferenceSystemCollection.Name)]
public sealed class TransactionFlowTests(ReferenceSystemFixture fixture)
{
    private IEventStore Store => fixture.System.Get(ServiceNames.Transaction).Services.GetRequiredService<IEventStore>();

    [Fact]
    public async Task Transfer_ThroughGateway_CompletesMovesMoneyStoresEventsAndRecord()
    {
        AccountDto from = await fixture.CreateAccountAsync("e2e-user", "USD", 100m);
        AccountDto to = await fixture.CreateAccountAsync("e2e-other", "USD", 0m);

        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions",
            new { userId = "e2e-user", type = "transfer", amount = 40.25m, fromAccount = from.Id, toAccount = to.Id, currency = "USD" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("transaction", response.Headers.GetValues("X-Service").Single());
        TransactionDto transaction = (await response.Content.ReadFromJsonAsync<TransactionDto>())!;
        Assert.Equal(TransactionTypes.Completed, transaction.Status);
        Assert.Equal(59.75m, (await fixture.GetAccountAsync(from.Id)).Balance);
        Assert.Equal(40.25m, (await fixture.GetAccountAsync(to.Id)).Balance);

        List<string> types = [];
        await foreach (ResolvedEvent e in Store.ReadStreamAsync(TransactionEventTypes.StreamPrefix + transaction.Id))
        {
            types.Add(e.EventType);
        }

        Assert.Equal(["TransactionInitiated", "RiskAssessed", "AccountDebited", "AccountCredited", "TransactionCompleted"], types);

        using SqliteConnection records = new($"Data Source={Path.Combine(fixture.DataDirectory, "transaction-records.db")}");
        await records.OpenAsync();
        using SqliteCommand count = records.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM multiwrite_records WHERE record_key = $key";
        count.Parameters.AddWithValue("$key", transaction.Id);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Transfer_InsufficientFunds_FailsWithoutMovingMoney()
    {
        AccountDto from = await fixture.CreateAccountAsync("poor", "USD", 10m);
        AccountDto to = await fixture.CreateAccountAsync("poor-2", "USD", 0m);

        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions",
            new { userId = "poor", type = "transfer", amount = 11m, fromAccount = from.Id, toAccount = to.Id, currency = "USD" }));

        TransactionDto transaction = (await response.Content.ReadFromJsonAsync<TransactionDto>())!;
        Assert.Equal(TransactionTypes.Failed, transaction.Status);
        Assert.Equal(10m, (await fixture.GetAccountAsync(from.Id)).Balance);
        Assert.Equal(0m, (await fixture.GetAccountAsync(to.Id)).Balance);
    }

    [Fact]
    public async Task Transfer_AcrossCurrencies_ConvertsWithBankersRounding()
    {
        AccountDto from = await fixture.CreateAccountAsync("fx", "USD", 100m);
        AccountDto to = await fixture.CreateAccountAsync("fx-2", "EUR", 0m);

        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions",
            new { userId = "fx", type = "transfer", amount = 10m, fromAccount = from.Id, toAccount = to.Id, currency = "USD" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(90m, (await fixture.GetAccountAsync(from.Id)).Balance);
        Assert.Equal(9.20m, (await fixture.GetAccountAsync(to.Id)).Balance);
    }

    [Fact]
    public async Task Transfer_SameIdempotencyKeyTwice_MovesMoneyOnce()
    {
        AccountDto from = await fixture.CreateAccountAsync("idem", "USD", 100m);
        AccountDto to = await fixture.CreateAccountAsync("idem-2", "USD", 0m);
        string key = Guid.NewGuid().ToString();
        object body = new { userId = "idem", type = "transfer", amount = 30m, fromAccount = from.Id, toAccount = to.Id, currency = "USD" };

        HttpRequestMessage first = ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions", body);
        first.Headers.Add("Idempotency-Key", key);
        HttpRequestMessage second = ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions", body);
        second.Headers.Add("Idempotency-Key", key);
        using HttpResponseMessage r1 = await fixture.Gateway.SendAsync(first);
        using HttpResponseMessage r2 = await fixture.Gateway.SendAsync(second);

        Assert.Equal(HttpStatusCode.Created, r1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        Assert.Equal((await r1.Content.ReadFromJsonAsync<TransactionDto>())!.Id, (await r2.Content.ReadFromJsonAsync<TransactionDto>())!.Id);
        Assert.Equal(70m, (await fixture.GetAccountAsync(from.Id)).Balance);
    }

    [Fact]
    public async Task Transfers_200ConcurrentAmongTenAccounts_ConserveMoneyAndAllFinish()
    {
        AccountDto[] accounts = new AccountDto[10];
        for (int i = 0; i < accounts.Length; i++)
        {
            accounts[i] = await fixture.CreateAccountAsync($"load-{i}", "USD", 100m);
        }

        Random random = new(42);
        (int From, int To, decimal Amount)[] plan = [.. Enumerable.Range(0, 200).Select(_ =>
        {
            int a = random.Next(10);
            int b = (a + 1 + random.Next(9)) % 10;
            return (a, b, random.Next(1, 6000) / 100m);
        })];

        TransactionDto[] results = await Task.WhenAll(plan.Select(async (p, i) =>
        {
            using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions",
                new { userId = $"load-{p.From}", type = "transfer", amount = p.Amount, fromAccount = accounts[p.From].Id, toAccount = accounts[p.To].Id, currency = "USD" },
                client: $"10.200.{i % 4}.1"));
            return (await response.Content.ReadFromJsonAsync<TransactionDto>())!;
        }));

        Assert.All(results, t => Assert.Contains(t.Status, new[] { TransactionTypes.Completed, TransactionTypes.Failed }));
        decimal[] balances = await Task.WhenAll(accounts.Select(async a => (await fixture.GetAccountAsync(a.Id)).Balance));
        Assert.All(balances, b => Assert.True(b >= 0m));
        Assert.Equal(1000m, balances.Sum());
        Assert.Contains(results, t => t.Status == TransactionTypes.Completed);
    }

    [Fact]
    public async Task Replay_AllTransactionEvents_RebuildsTheSameStates()
    {
        AccountDto from = await fixture.CreateAccountAsync("replay", "USD", 50m);
        AccountDto to = await fixture.CreateAccountAsync("replay-2", "USD", 0m);
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions",
                new { userId = "replay", type = "transfer", amount = 20m, fromAccount = from.Id, toAccount = to.Id, currency = "USD" }));
            response.EnsureSuccessStatusCode();
        }

        Dictionary<string, TransactionState> replayed = [];
        long position = 0;
        while (true)
        {
            IReadOnlyList<RecordedEvent> batch = await Store.ReadAllAsync(position, 500);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (RecordedEvent recorded in batch)
            {
                position = recorded.Position;
                if (recorded.StreamId.StartsWith(TransactionEventTypes.StreamPrefix, StringComparison.Ordinal))
                {
                    string id = recorded.StreamId[TransactionEventTypes.StreamPrefix.Length..];
                    if (!replayed.TryGetValue(id, out TransactionState? state))
                    {
                        replayed[id] = state = new TransactionState();
                    }

                    state.Apply(Store.Deserialize(recorded), recorded.StreamVersion);
                }
            }
        }

        Assert.NotEmpty(replayed);
        foreach ((string id, TransactionState state) in replayed.Take(20))
        {
            using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, $"/api/transaction/transactions/{id}"));
            TransactionDto live = (await response.Content.ReadFromJsonAsync<TransactionDto>())!;
            Assert.Equal(live, state.ToDto());
        }
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{not json", "body" },
        { "{\"userId\":\"u\",\"type\":\"transfer\",\"amount\":\"ten\",\"fromAccount\":\"a\",\"toAccount\":\"b\",\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"u\",\"type\":\"transfer\",\"amount\":-5,\"fromAccount\":\"a\",\"toAccount\":\"b\",\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"u\",\"type\":\"transfer\",\"amount\":1e15,\"fromAccount\":\"a\",\"toAccount\":\"b\",\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"u\",\"type\":\"transfer\",\"amount\":5,\"fromAccount\":\"a\",\"toAccount\":\"b\",\"currency\":\"XXX\"}", "currency" },
        { "{\"userId\":\"u\",\"type\":\"transfer\",\"amount\":5,\"fromAccount\":\"no-such-account\",\"toAccount\":\"b\",\"currency\":\"USD\"}", "fromAccount" },
        { "{\"type\":\"transfer\",\"amount\":5,\"fromAccount\":\"a\",\"toAccount\":\"b\",\"currency\":\"USD\"}", "userId" },
        { "{\"userId\":\"u\",\"type\":\"loan\",\"amount\":5,\"currency\":\"USD\"}", "type" },
        { "{\"userId\":\"u\",\"type\":\"deposit\",\"amount\":5,\"currency\":\"USD\"}", "toAccount" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task CreateTransaction_BadInput_Returns400ProblemNamingFieldAndStoresNothing(string json, string field)
    {
        long before = await HeadAsync();
        HttpRequestMessage request = ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions");
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await fixture.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await HeadAsync());
    }

    private async Task<long> HeadAsync() => await Store.Provider.GetHeadPositionAsync();
}
