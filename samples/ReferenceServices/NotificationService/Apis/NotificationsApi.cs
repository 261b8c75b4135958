using Microsoft.AspNetCore.Http.HttpResults;
using NotificationService.Application;
using NotificationService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Notifications;
using ReferenceServices.ServiceDefaults.Problems;
using Tx.Messaging;
using Tx.Messaging.Producing;

namespace NotificationService.Apis;

public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/notifications");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", async Task<Results<Ok<NotificationDeliveryDto>, NotFound>> (string id, DeliveryStore store) =>
            await store.FindAsync(id) is { } delivery ? TypedResults.Ok(delivery) : TypedResults.NotFound());
        api.MapPost("/", SendAsync);
        return api;
    }

    /// <summary>Deliveries, newest first: <c>?userId=</c>, <c>?transactionId=</c> (at least one), <c>?limit=</c> (1–500, default 100).</summary>
    private static async Task<Ok<IReadOnlyList<NotificationDeliveryDto>>> ListAsync(string? userId, string? transactionId, int? limit, DeliveryStore store)
    {
        FieldErrors errors = new();
        if (string.IsNullOrWhiteSpace(userId) && string.IsNullOrWhiteSpace(transactionId))
        {
            errors.Add("userId", "Filter by 'userId' or 'transactionId'.");
        }

        if (limit is < 1 or > 500)
        {
            errors.Add("limit", "'limit' must be between 1 and 500.");
        }

        errors.ThrowIfAny();
        return TypedResults.Ok(await store.ListAsync(NullIfBlank(userId), NullIfBlank(transactionId), limit ?? 100));
    }

    /// <summary>Queues a notification on <c>notification-events</c> (the same path the transaction service uses); 202 with its id.</summary>
    private static async Task<Accepted<NotificationRequested>> SendAsync(SendNotificationRequest request, NotificationDispatcher dispatcher, IMessageProducer producer, CancellationToken ct)
    {
        FieldErrors errors = new();
        string? userId = errors.Required(request.UserId, "userId");
        string? channel = errors.Required(request.Channel, "channel");
        if (channel is not null && !dispatcher.Channels.Contains(channel))
        {
            errors.Add("channel", $"'channel' must be one of {string.Join(", ", dispatcher.Channels)}.");
        }

        string? subject = errors.Required(request.Subject, "subject");
        string? body = errors.Required(request.Body, "body");
        if (subject is { Length: > 200 })
        {
            errors.Add("subject", "'subject' must be at most 200 characters.");
        }

        if (body is { Length: > 4000 })
        {
            errors.Add("body", "'body' must be at most 4000 characters.");
        }

        errors.ThrowIfAny();
        NotificationRequested notification = new($"ntf-{Guid.NewGuid():N}", userId!, channel!, subject!, body!, NullIfBlank(request.TransactionId));
        await producer.ProduceAsync(Topics.NotificationEvents, notification.UserId, notification,
            new MessageHeaders { EventType = nameof(NotificationRequested), AggregateId = notification.NotificationId }, cancellationToken: ct);
        return TypedResults.Accepted($"/notifications?userId={Uri.EscapeDataString(notification.UserId)}", notification);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
