using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Audit;
using ReferenceServices.Contracts.Notifications;
using Tx.TestUtilities;

namespace ReferenceServices.FunctionalTests;

[Collection(ReferenceSystemCollection.Name)]
public sealed class NotificationAuditTests(ReferenceSystemFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Transfer_EndToEnd_NotificationRecordedAndAuditEntriesPresent()
    {
        TransactionDto transaction = await TransferAsync("notify-me", 12m);

        NotificationDeliveryDto? delivery = null;
        await Eventually.WaitAsync(async () => (delivery = (await DeliveriesAsync($"transactionId={transaction.Id}")).FirstOrDefault()) is not null,
            s_timeout, "notification delivery recorded");
        Assert.Equal("notify-me", delivery!.UserId);
        Assert.Equal("email", delivery.Channel);
        Assert.Equal("SENT", delivery.Status);
        Assert.Contains(TransactionTypes.Completed, delivery.Body, StringComparison.Ordinal);
        Assert.Contains(await DeliveriesAsync("userId=notify-me"), d => d.Id == delivery.Id);

        AuditPage page = new([], null);
        await Eventually.WaitAsync(async () =>
            {
                page = await AuditAsync($"aggregateId={transaction.Id}");
                return page.Items.Any(e => e.Topic == Topics.NotificationEvents)
                    && page.Items.Count(e => e.Topic == Topics.TransactionEvents) >= 5;
            },
            s_timeout, "audit entries for every transaction event and the notification");
        Assert.Equal(["TransactionInitiated", "RiskAssessed", "AccountDebited", "AccountCredited", "TransactionCompleted"],
            page.Items.Where(e => e.Topic == Topics.TransactionEvents).Select(e => e.EventType));
        Assert.All(page.Items, e => Assert.Equal(64, e.Hash.Length));
    }

    [Fact]
    public async Task Transfer_Failed_NotificationSaysFailed()
    {
        AccountDto from = await fixture.CreateAccountAsync("broke", "USD", 1m);
        AccountDto to = await fixture.CreateAccountAsync("broke-to", "USD", 0m);
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions",
            new { userId = "broke", type = "transfer", amount = 2m, fromAccount = from.Id, toAccount = to.Id, currency = "USD" }));
        TransactionDto transaction = (await response.Content.ReadFromJsonAsync<TransactionDto>())!;
        Assert.Equal(TransactionTypes.Failed, transaction.Status);

        NotificationDeliveryDto? delivery = null;
        await Eventually.WaitAsync(async () => (delivery = (await DeliveriesAsync($"transactionId={transaction.Id}")).FirstOrDefault()) is not null,
            s_timeout, "notification for the failed transfer");
        Assert.Equal("broke", delivery!.UserId);
        Assert.Contains(TransactionTypes.Failed, delivery.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendNotification_EachChannel_DeliveredThroughTheTopicAndListedByUser()
    {
        string user = $"chan-{Guid.NewGuid():N}";
        foreach (string channel in new[] { "email", "sms", "push" })
        {
            using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/notification/notifications",
                new { userId = user, channel, subject = "Hello", body = $"via {channel}" }));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        IReadOnlyList<NotificationDeliveryDto> deliveries = [];
        await Eventually.WaitAsync(async () => (deliveries = await DeliveriesAsync($"userId={user}")).Count == 3, s_timeout, "three deliveries");
        Assert.Equal(["email", "push", "sms"], deliveries.Select(d => d.Channel).Order());
        Assert.All(deliveries, d => Assert.Equal("SENT", d.Status));
        Assert.All(deliveries, d => Assert.StartsWith(d.Channel + "-", d.ProviderMessageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditChain_Intact_VerifiesAndTamperingIsDetected()
    {
        TransactionDto transaction = await TransferAsync("audited", 7m);
        AuditEntryDto target = null!;
        await Eventually.WaitAsync(async () =>
            {
                target = (await AuditAsync($"aggregateId={transaction.Id}")).Items.FirstOrDefault()!;
                return target is not null;
            },
            s_timeout, "audit entry for the transfer");

        AuditVerification intact = await VerifyAsync();
        Assert.True(intact.Valid, intact.Reason);
        Assert.True(intact.EntriesChecked >= target.Sequence);

        await using SqliteConnection db = new($"Data Source={Path.Combine(fixture.DataDirectory, "audit.db")};Pooling=False");
        await db.OpenAsync();
        SqliteException refused = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(db, "UPDATE audit_entries SET payload = 'x' WHERE sequence = $s", target.Sequence));
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);

        try
        {
            await ExecuteAsync(db, "DROP TRIGGER audit_entries_no_update", 0);
            await ExecuteAsync(db, "UPDATE audit_entries SET payload = payload || ' ' WHERE sequence = $s", target.Sequence);

            AuditVerification tampered = await VerifyAsync();

            Assert.False(tampered.Valid);
            Assert.Equal(target.Sequence, tampered.FirstBrokenSequence);
            Assert.Contains("altered", tampered.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync(db, "UPDATE audit_entries SET payload = $p WHERE sequence = $s", target.Sequence, target.Payload);
            await ExecuteAsync(db, AuditService.Infrastructure.AuditStore.AppendOnlyTriggers, 0);
        }

        Assert.True((await VerifyAsync()).Valid);
    }

    [Fact]
    public async Task AuditEntries_Paging_FollowsTheCursorWithoutGapsOrRepeats()
    {
        await TransferAsync("pager", 1m);
        AuditPage first = await AuditAsync($"topic={Topics.TransactionEvents}&limit=2");
        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.NextAfter);

        AuditPage second = await AuditAsync($"topic={Topics.TransactionEvents}&limit=2&after={first.NextAfter}");

        Assert.All(first.Items.Concat(second.Items), e => Assert.Equal(Topics.TransactionEvents, e.Topic));
        long[] sequences = [.. first.Items.Concat(second.Items).Select(e => e.Sequence)];
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Length, sequences.Distinct().Count());
    }

    [Theory]
    [InlineData("/api/audit/audit/entries?limit=0", "limit")]
    [InlineData("/api/audit/audit/entries?limit=100000", "limit")]
    [InlineData("/api/audit/audit/entries?topic=no-such-topic", "topic")]
    [InlineData("/api/audit/audit/entries?after=-5", "after")]
    [InlineData("/api/notification/notifications", "userId")]
    [InlineData("/api/notification/notifications?userId=u&limit=0", "limit")]
    public async Task Queries_BadInput_Return400NamingField(string path, string field)
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, path));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    public static TheoryData<string, string> BadNotifications => new()
    {
        { "{not json", "body" },
        { "{\"channel\":\"email\",\"subject\":\"s\",\"body\":\"b\"}", "userId" },
        { "{\"userId\":\"u\",\"channel\":\"fax\",\"subject\":\"s\",\"body\":\"b\"}", "channel" },
        { "{\"userId\":\"u\",\"channel\":\"email\",\"body\":\"b\"}", "subject" },
        { "{\"userId\":\"u\",\"channel\":\"email\",\"subject\":\"s\",\"body\":17}", "body" },
    };

    [Theory]
    [MemberData(nameof(BadNotifications))]
    public async Task SendNotification_BadInput_Returns400NamingFieldAndPublishesNothing(string json, string field)
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ProblemAssert.Raw(HttpMethod.Post, "/api/notification/notifications", json));

        await ProblemAssert.NamesFieldAsync(response, field);

        // A valid notification for the same user goes to the same partition, after anything the bad request could have published.
        string marker = $"marker-{Guid.NewGuid():N}";
        using HttpResponseMessage accepted = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/notification/notifications",
            new { userId = "u", channel = "email", subject = "marker", body = marker }));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        IReadOnlyList<NotificationDeliveryDto> deliveries = [];
        await Eventually.WaitAsync(async () => (deliveries = await DeliveriesAsync("userId=u")).Any(d => d.Body == marker), s_timeout, "the marker delivery");
        Assert.All(deliveries, d => Assert.Equal("marker", d.Subject));
    }

    private async Task<TransactionDto> TransferAsync(string user, decimal amount)
    {
        AccountDto from = await fixture.CreateAccountAsync(user, "USD", 100m);
        AccountDto to = await fixture.CreateAccountAsync(user + "-to", "USD", 0m);
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/transaction/transactions",
            new { userId = user, type = "transfer", amount, fromAccount = from.Id, toAccount = to.Id, currency = "USD" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        TransactionDto transaction = (await response.Content.ReadFromJsonAsync<TransactionDto>())!;
        Assert.Equal(TransactionTypes.Completed, transaction.Status);
        return transaction;
    }

    private async Task<IReadOnlyList<NotificationDeliveryDto>> DeliveriesAsync(string query)
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, $"/api/notification/notifications?{query}"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<NotificationDeliveryDto>>())!;
    }

    private async Task<AuditPage> AuditAsync(string query)
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, $"/api/audit/audit/entries?{query}"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuditPage>())!;
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/audit/audit/verify"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuditVerification>())!;
    }

    private static async Task ExecuteAsync(SqliteConnection db, string sql, long sequence, string? payload = null)
    {
        await using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", sequence);
        command.Parameters.AddWithValue("$p", (object?)payload ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
