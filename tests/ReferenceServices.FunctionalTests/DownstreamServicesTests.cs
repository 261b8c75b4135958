using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts;
using Tx.TestUtilities;

namespace ReferenceServices.FunctionalTests;

/// <summary>Analytics, settlement, reporting and the event store service, all driven through the gateway.</summary>
[Collection(ReferenceSystemCollection.Name)]
public sealed class DownstreamServicesTests(ReferenceSystemFixture fixture)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Analytics_AfterTransfers_CountsVolumeAndFailureRateUpdated()
    {
        AccountDto from = await fixture.CreateAccountAsync("an-user", "CHF", 100m);
        AccountDto to = await fixture.CreateAccountAsync("an-other", "CHF", 0m);
        JsonElement before = await GetJsonAsync("/api/analytics/analytics/summary?currency=CHF");
        (long completed0, long failed0, decimal volume0) = Chf(before);

        TransactionDto ok = await TransferAsync("an-user", from.Id, to.Id, 12.34m, "CHF");
        TransactionDto failed = await TransferAsync("an-user", from.Id, to.Id, 500m, "CHF");

        Assert.Equal(TransactionTypes.Completed, ok.Status);
        Assert.Equal(TransactionTypes.Failed, failed.Status);
        JsonElement after = default;
        await Eventually.WaitAsync(async () =>
        {
            after = await GetJsonAsync("/api/analytics/analytics/summary?currency=CHF");
            return Chf(after).Completed == completed0 + 1 && Chf(after).Failed == failed0 + 1;
        }, s_wait, "analytics consumed both transactions");
        (long completed, long failedCount, decimal volume) = Chf(after);
        Assert.Equal(volume0 + 12.34m, volume);
        JsonElement chf = after.GetProperty("currencies")[0];
        Assert.Equal(Math.Round(100.0 * failedCount / (completed + failedCount), 2), chf.GetProperty("failureRate").GetDouble());

        string hour = ok.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:00:00'Z'", CultureInfo.InvariantCulture);
        JsonElement hourly = await GetJsonAsync($"/api/analytics/analytics/hourly?currency=CHF&from={hour}");
        Assert.Contains(hourly.EnumerateArray(), b => b.GetProperty("hour").GetString() == hour && b.GetProperty("completed").GetInt64() >= 1);
    }

    [Fact]
    public async Task Settlement_BatchForThePeriod_IncludesTransferReconcilesCleanAndIsIdempotent()
    {
        AccountDto from = await fixture.CreateAccountAsync("stl-user", "USD", 100m);
        AccountDto to = await fixture.CreateAccountAsync("stl-other", "EUR", 0m);
        TransactionDto t = await TransferAsync("stl-user", from.Id, to.Id, 10m, "USD");
        await Eventually.WaitAsync(async () =>
        {
            using HttpResponseMessage seen = await SendAsync(HttpMethod.Get, $"/api/settlement/settlements/transactions/{t.Id}");
            return seen.StatusCode == HttpStatusCode.OK;
        }, s_wait, "settlement consumed the completed transaction");
        // The completion time settled on is the event store's append time of TransactionCompleted, a moment after UpdatedAt.
        object period = new { from = t.CreatedAt, to = t.UpdatedAt.AddSeconds(1) };

        using HttpResponseMessage first = await SendAsync(HttpMethod.Post, "/api/settlement/settlements/batches", period);
        using HttpResponseMessage again = await SendAsync(HttpMethod.Post, "/api/settlement/settlements/batches", period);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        JsonElement batch = await first.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        string batchId = batch.GetProperty("id").GetString()!;
        Assert.Equal(batchId, repeated.GetProperty("id").GetString());
        JsonElement settleable = await GetJsonAsync($"/api/settlement/settlements/transactions/{t.Id}");
        Assert.True(batch.GetProperty("transactionIds").EnumerateArray().Any(e => e.GetString() == t.Id), $"{batch} {settleable} {t}");
        JsonElement reconciliation = batch.GetProperty("reconciliation");
        Assert.True(reconciliation.GetProperty("status").GetString() == "CLEAN", reconciliation.ToString());
        Assert.Equal(0, reconciliation.GetProperty("mismatches").GetArrayLength());
        Assert.True(reconciliation.GetProperty("accountsChecked").GetInt32() >= 2);
        JsonElement usd = batch.GetProperty("totals").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "USD");
        Assert.True(usd.GetProperty("amount").GetDecimal() >= 10m);

        // The reconciliation can fail: a balance that no longer matches its ledger is reported, by account.
        await SetBalanceAsync(to.Id, 999m);
        try
        {
            using HttpResponseMessage rerun = await SendAsync(HttpMethod.Post, $"/api/settlement/settlements/batches/{batchId}/reconcile");
            JsonElement report = (await rerun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reconciliation");
            Assert.Equal("MISMATCHES", report.GetProperty("status").GetString());
            JsonElement mismatch = Assert.Single(report.GetProperty("mismatches").EnumerateArray());
            Assert.Equal("balance-mismatch", mismatch.GetProperty("kind").GetString());
            Assert.Equal(to.Id, mismatch.GetProperty("accountId").GetString());
        }
        finally
        {
            await SetBalanceAsync(to.Id, 9.20m);
        }
    }

    [Fact]
    public async Task Reporting_StatementAndDailySummary_JsonAndCsvContainTransfer()
    {
        AccountDto from = await fixture.CreateAccountAsync("rep-user", "JPY", 10_000m);
        AccountDto to = await fixture.CreateAccountAsync("rep-other", "JPY", 0m);
        JsonElement dailyBefore = await GetJsonAsync("/api/reporting/reports/daily");
        TransactionDto t = await TransferAsync("rep-user", from.Id, to.Id, 2500m, "JPY");

        JsonElement statement = await GetJsonAsync($"/api/reporting/reports/accounts/{from.Id}/statement");
        using HttpRequestMessage csvRequest = ReferenceSystemFixture.Request(HttpMethod.Get, $"/api/reporting/reports/accounts/{from.Id}/statement");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using HttpResponseMessage csvByAccept = await fixture.Gateway.SendAsync(csvRequest);
        using HttpResponseMessage csvByQuery = await SendAsync(HttpMethod.Get, $"/api/reporting/reports/accounts/{from.Id}/statement?format=csv");

        Assert.Equal(10_000m, statement.GetProperty("lines")[0].GetProperty("credit").GetDecimal());
        JsonElement line = statement.GetProperty("lines")[1];
        Assert.Equal(t.Id, line.GetProperty("transactionId").GetString());
        Assert.Equal(2500m, line.GetProperty("debit").GetDecimal());
        Assert.Equal(7500m, statement.GetProperty("closingBalance").GetDecimal());
        foreach (HttpResponseMessage csv in new[] { csvByAccept, csvByQuery })
        {
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            string[] rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
            Assert.StartsWith($"{from.Id},rep-user,JPY,", rows[1], StringComparison.Ordinal);
            Assert.EndsWith(",0,10000,2500,7500", rows[1], StringComparison.Ordinal);
            Assert.Contains(rows, r => r.Contains($",{t.Id},transfer debit,2500,,7500", StringComparison.Ordinal));
        }

        int jpyBefore = Jpy(dailyBefore);
        JsonElement daily = default;
        await Eventually.WaitAsync(async () =>
        {
            daily = await GetJsonAsync("/api/reporting/reports/daily");
            return Jpy(daily) == jpyBefore + 1;
        }, s_wait, "reporting consumed the completed transaction");
        using HttpResponseMessage dailyCsv = await SendAsync(HttpMethod.Get, "/api/reporting/reports/daily?format=csv");
        string[] dailyRows = (await dailyCsv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("date,currency,completed,failed,pending,completed_volume,transfers,deposits,withdrawals", dailyRows[0]);
        Assert.Contains(dailyRows, r => r.StartsWith($"{t.UpdatedAt.UtcDateTime:yyyy-MM-dd},JPY,{jpyBefore + 1},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventStore_StreamReadAllAndSnapshot_ReturnTheTransfer()
    {
        AccountDto from = await fixture.CreateAccountAsync("es-user", "USD", 100m);
        AccountDto to = await fixture.CreateAccountAsync("es-other", "USD", 0m);
        TransactionDto t = await TransferAsync("es-user", from.Id, to.Id, 7m, "USD");
        string stream = $"transaction-{t.Id}";
        string[] expected = ["TransactionInitiated", "RiskAssessed", "AccountDebited", "AccountCredited", "TransactionCompleted"];

        StreamReadDto forward = (await GetAsync<StreamReadDto>($"/api/eventstore/streams/{stream}"))!;
        StreamReadDto backward = (await GetAsync<StreamReadDto>($"/api/eventstore/streams/{stream}?direction=backward&max=2"))!;
        StreamReadDto middle = (await GetAsync<StreamReadDto>($"/api/eventstore/streams/{stream}?from=2&max=2"))!;

        Assert.Equal(expected, forward.Events.Select(e => e.EventType));
        Assert.Equal(5, forward.Version);
        Assert.Equal(t.Id, forward.Events[0].Data.GetProperty("transactionId").GetString());
        Assert.Equal(new long[] { 5, 4 }, backward.Events.Select(e => e.StreamVersion));
        Assert.Equal(new long[] { 2, 3 }, middle.Events.Select(e => e.StreamVersion));

        long firstPosition = forward.Events[0].Position;
        JsonElement page = await GetJsonAsync($"/api/eventstore/events?after={firstPosition - 1}&max=3");
        JsonElement[] events = [.. page.GetProperty("events").EnumerateArray()];
        Assert.Equal(3, events.Length);
        Assert.Equal(firstPosition, events[0].GetProperty("position").GetInt64());
        Assert.Equal(events[2].GetProperty("position").GetInt64(), page.GetProperty("nextAfter").GetInt64());
        Assert.True(page.GetProperty("headPosition").GetInt64() >= forward.Events[^1].Position);

        using HttpResponseMessage taken = await SendAsync(HttpMethod.Post, $"/api/eventstore/streams/{stream}/snapshot");
        JsonElement snapshot = await GetJsonAsync($"/api/eventstore/streams/{stream}/snapshot");
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal(5, snapshot.GetProperty("streamVersion").GetInt64());
        Assert.Equal(TransactionTypes.Completed, snapshot.GetProperty("state").GetProperty("status").GetString());
        Assert.Equal(7m, snapshot.GetProperty("state").GetProperty("amount").GetDecimal());

        using HttpResponseMessage missing = await SendAsync(HttpMethod.Get, "/api/eventstore/streams/transaction-does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Replay_ProjectionFromPositionZero_EqualsTheLiveReadModel()
    {
        AccountDto from = await fixture.CreateAccountAsync("rp-user", "USD", 30m);
        AccountDto to = await fixture.CreateAccountAsync("rp-other", "USD", 0m);
        TransactionDto completed = await TransferAsync("rp-user", from.Id, to.Id, 20m, "USD");
        TransactionDto failed = await TransferAsync("rp-user", from.Id, to.Id, 20m, "USD");

        using HttpResponseMessage replay = await SendAsync(HttpMethod.Post, "/api/eventstore/projections/transactions/replay?after=0");
        JsonElement result = await replay.Content.ReadFromJsonAsync<JsonElement>();
        string[] ids = [.. (await GetJsonAsync("/api/eventstore/projections/transactions")).GetProperty("ids").EnumerateArray().Select(e => e.GetString()!)];

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains(completed.Id, ids);
        Assert.Contains(failed.Id, ids);
        Assert.Equal(ids.Length, result.GetProperty("transactions").GetInt32());
        Dictionary<string, int> liveCounts = new(StringComparer.Ordinal) { [TransactionTypes.Pending] = 0, [TransactionTypes.Completed] = 0, [TransactionTypes.Failed] = 0 };
        foreach (string id in ids)
        {
            TransactionDto live = (await GetAsync<TransactionDto>($"/api/transaction/transactions/{id}"))!;
            TransactionDto rebuilt = (await GetAsync<TransactionDto>($"/api/eventstore/projections/transactions/{id}"))!;
            Assert.Equal(live, rebuilt);
            liveCounts[live.Status]++;
        }

        Dictionary<string, int> counts = result.GetProperty("statusCounts").Deserialize<Dictionary<string, int>>()!;
        Assert.Equal(liveCounts.OrderBy(p => p.Key), counts.OrderBy(p => p.Key));
        Assert.True(counts[TransactionTypes.Failed] >= 1 && counts[TransactionTypes.Completed] >= 1);
    }

    public static TheoryData<string, string, string> BadQueries => new()
    {
        { "GET", "/api/eventstore/streams/transaction-x?direction=sideways", "direction" },
        { "GET", "/api/eventstore/streams/transaction-x?max=0", "max" },
        { "GET", "/api/eventstore/streams/transaction-x?from=abc", "from" },
        { "GET", "/api/eventstore/events?after=-1", "after" },
        { "POST", "/api/eventstore/streams/account-1/snapshot", "streamId" },
        { "GET", "/api/analytics/analytics/summary?currency=XXX", "currency" },
        { "GET", "/api/analytics/analytics/hourly?from=yesterday", "from" },
        { "GET", "/api/reporting/reports/daily?date=26-11-2026", "date" },
        { "GET", "/api/reporting/reports/daily?format=xml", "format" },
        { "GET", "/api/reporting/reports/accounts/acc-x/statement?from=2026-02-01&to=2026-01-01", "to" },
        { "POST", "/api/settlement/settlements/batches", "from" },
        { "POST", "/api/settlement/settlements/batches#to", "to" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task BadInput_Returns400ProblemNamingTheField(string method, string path, string field)
    {
        object? body = method == "POST" && path.Contains("/batches", StringComparison.Ordinal)
            ? (path.EndsWith("#to", StringComparison.Ordinal) ? new { from = "2026-01-02T00:00:00Z", to = "2026-01-01T00:00:00Z" } : new { to = "2026-01-01T00:00:00Z" })
            : null;

        using HttpResponseMessage response = await SendAsync(new HttpMethod(method), path.Split('#')[0], body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static (long Completed, long Failed, decimal Volume) Chf(JsonElement summary) =>
        summary.GetProperty("currencies").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } c
            ? (c.GetProperty("completed").GetInt64(), c.GetProperty("failed").GetInt64(), c.GetProperty("volume").GetDecimal())
            : (0, 0, 0m);

    private static int Jpy(JsonElement daily) =>
        daily.GetProperty("currencies").EnumerateArray().Where(c => c.GetProperty("currency").GetString() == "JPY").Select(c => c.GetProperty("completed").GetInt32()).FirstOrDefault();

    private async Task<TransactionDto> TransferAsync(string userId, string fromAccount, string toAccount, decimal amount, string currency)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "/api/transaction/transactions",
            new { userId, type = "transfer", amount, fromAccount, toAccount, currency });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TransactionDto>())!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(method, path, body));

    private async Task<T?> GetAsync<T>(string path)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>();
    }

    private async Task<JsonElement> GetJsonAsync(string path) => (await GetAsync<JsonElement>(path))!;

    private async Task SetBalanceAsync(string accountId, decimal balance)
    {
        using SqliteConnection accounts = new($"Data Source={Path.Combine(fixture.DataDirectory, "accounts.db")}");
        await accounts.OpenAsync();
        using SqliteCommand update = accounts.CreateCommand();
        update.CommandText = "UPDATE accounts SET balance = $b WHERE id = $id";
        update.Parameters.AddWithValue("$b", balance.ToString(CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$id", accountId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
