using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Payments;

namespace ReferenceServices.FunctionalTests;

[Collection(ReferenceSystemCollection.Name)]
public sealed class PaymentServiceTests(ReferenceSystemFixture fixture)
{
    [Fact]
    public async Task IntentThenCapture_CreditsAccountOnceAndSucceeds()
    {
        AccountDto account = await fixture.CreateAccountAsync("payer", "USD", 10m);

        PaymentIntentDto intent = await CreateIntentAsync(new { userId = "payer", accountId = account.Id, amount = 25.50m, currency = "USD" });
        Assert.Equal(PaymentStatuses.RequiresCapture, intent.Status);
        Assert.Equal(10m, (await fixture.GetAccountAsync(account.Id)).Balance);

        PaymentIntentDto captured = await CaptureAsync(intent.Id);
        PaymentIntentDto again = await CaptureAsync(intent.Id);

        Assert.Equal(PaymentStatuses.Succeeded, captured.Status);
        Assert.Equal($"ch_{intent.Id}", captured.ProviderReference);
        Assert.Equal(PaymentStatuses.Succeeded, again.Status);
        Assert.Equal(35.50m, (await fixture.GetAccountAsync(account.Id)).Balance);
    }

    [Fact]
    public async Task Capture_ProviderFailureInjected_IntentFailedAndNoCredit()
    {
        AccountDto account = await fixture.CreateAccountAsync("declined", "EUR", 5m);
        PaymentIntentDto intent = await CreateIntentAsync(new { userId = "declined", accountId = account.Id, amount = 100m, currency = "EUR", simulateFailure = "capture" });

        PaymentIntentDto captured = await CaptureAsync(intent.Id);

        Assert.Equal(PaymentStatuses.Failed, captured.Status);
        Assert.Contains("declined", captured.FailureReason, StringComparison.Ordinal);
        Assert.Equal(5m, (await fixture.GetAccountAsync(account.Id)).Balance);
        Assert.Equal(PaymentStatuses.Failed, (await CaptureAsync(intent.Id)).Status);
        Assert.Equal(5m, (await fixture.GetAccountAsync(account.Id)).Balance);
    }

    [Fact]
    public async Task Create_AuthorizationFailureInjected_IntentFailedAndCannotBeCaptured()
    {
        AccountDto account = await fixture.CreateAccountAsync("noauth", "USD", 0m);

        PaymentIntentDto intent = await CreateIntentAsync(new { userId = "noauth", accountId = account.Id, amount = 1m, currency = "USD", simulateFailure = "authorize" });

        Assert.Equal(PaymentStatuses.Failed, intent.Status);
        Assert.Equal(PaymentStatuses.Failed, (await CaptureAsync(intent.Id)).Status);
        Assert.Equal(0m, (await fixture.GetAccountAsync(account.Id)).Balance);
    }

    [Fact]
    public async Task Cancel_BeforeCapture_CanceledThenCaptureConflicts()
    {
        AccountDto account = await fixture.CreateAccountAsync("canceler", "USD", 0m);
        PaymentIntentDto intent = await CreateIntentAsync(new { userId = "canceler", accountId = account.Id, amount = 3m, currency = "USD" });

        using HttpResponseMessage cancel = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, $"/api/payment/payments/intents/{intent.Id}/cancel"));
        using HttpResponseMessage capture = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, $"/api/payment/payments/intents/{intent.Id}/capture"));

        Assert.Equal(PaymentStatuses.Canceled, (await cancel.Content.ReadFromJsonAsync<PaymentIntentDto>())!.Status);
        Assert.Equal(HttpStatusCode.Conflict, capture.StatusCode);
        Assert.Equal(0m, (await fixture.GetAccountAsync(account.Id)).Balance);
    }

    [Fact]
    public async Task Capture_AccountServiceDown_StaysProcessingThenRetryCreditsOnce()
    {
        AccountDto account = await fixture.CreateAccountAsync("retrier", "USD", 1m);
        PaymentIntentDto intent = await CreateIntentAsync(new { userId = "retrier", accountId = account.Id, amount = 9m, currency = "USD" });

        await fixture.System.StopServiceAsync(ServiceNames.Account);
        try
        {
            using HttpResponseMessage failed = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, $"/api/payment/payments/intents/{intent.Id}/capture"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await fixture.System.StartServiceAsync(ServiceNames.Account);
        }

        using (HttpResponseMessage pending = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, $"/api/payment/payments/intents/{intent.Id}")))
        {
            Assert.Equal(PaymentStatuses.Processing, (await pending.Content.ReadFromJsonAsync<PaymentIntentDto>())!.Status);
        }

        Assert.Equal(PaymentStatuses.Succeeded, (await CaptureAsync(intent.Id)).Status);
        Assert.Equal(PaymentStatuses.Succeeded, (await CaptureAsync(intent.Id)).Status);
        Assert.Equal(10m, (await fixture.GetAccountAsync(account.Id)).Balance);
    }

    public static TheoryData<string, string> BadIntents => new()
    {
        { "{not json", "body" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":\"lots\",\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":-1,\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":0,\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":1e12,\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":1.001,\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":5,\"currency\":\"XXX\"}", "currency" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":5,\"currency\":\"EUR\"}", "currency" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"acc-does-not-exist\",\"amount\":5,\"currency\":\"USD\"}", "accountId" },
        { "{\"userId\":\"someone-else\",\"accountId\":\"$ACC\",\"amount\":5,\"currency\":\"USD\"}", "accountId" },
        { "{\"accountId\":\"$ACC\",\"amount\":5,\"currency\":\"USD\"}", "userId" },
        { "{\"userId\":\"payer-bad\",\"amount\":5,\"currency\":\"USD\"}", "accountId" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"currency\":\"USD\"}", "amount" },
        { "{\"userId\":\"payer-bad\",\"accountId\":\"$ACC\",\"amount\":5,\"currency\":\"USD\",\"simulateFailure\":\"explode\"}", "simulateFailure" },
    };

    [Theory]
    [MemberData(nameof(BadIntents))]
    public async Task Create_BadInput_Returns400NamingFieldAndStoresNothing(string json, string field)
    {
        AccountDto account = await fixture.CreateAccountAsync("payer-bad", "USD", 0m);
        long before = await CountIntentsAsync();

        using HttpResponseMessage response = await fixture.Gateway.SendAsync(
            ProblemAssert.Raw(HttpMethod.Post, "/api/payment/payments/intents", json.Replace("$ACC", account.Id, StringComparison.Ordinal)));

        await ProblemAssert.NamesFieldAsync(response, field);
        Assert.Equal(before, await CountIntentsAsync());
    }

    [Fact]
    public async Task Capture_UnknownIntent_Returns404()
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/payment/payments/intents/pi_nope/capture"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<PaymentIntentDto> CreateIntentAsync(object body)
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/payment/payments/intents", body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaymentIntentDto>())!;
    }

    private async Task<PaymentIntentDto> CaptureAsync(string id)
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, $"/api/payment/payments/intents/{id}/capture"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaymentIntentDto>())!;
    }

    private async Task<long> CountIntentsAsync()
    {
        await using SqliteConnection connection = new($"Data Source={Path.Combine(fixture.DataDirectory, "payments.db")}");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM payment_intents";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
