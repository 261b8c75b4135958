using NotificationService.Application;
using NotificationService.Channels;
using NotificationService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Hosting;

namespace NotificationService;

public static class NotificationServiceExtensions
{
    /// <summary>Delivery log in SQLite (<c>notifications.db</c>), the email/SMS/push channels, and the Tx.Messaging consumer
    /// group <c>notification-service</c> on <c>notification-events</c> (retries, then <c>notification-events-dlq</c>).</summary>
    public static WebApplicationBuilder AddNotificationService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration config = builder.Configuration;
        string connectionString = config["Notification:ConnectionString"] ?? ServiceEndpoints.SqliteConnectionString(config, "notifications.db");
        builder.Services.AddSingleton(sp => new DeliveryStore(connectionString));
        builder.Services.AddSingleton<INotificationChannel, EmailChannel>();
        builder.Services.AddSingleton<INotificationChannel, SmsChannel>();
        builder.Services.AddSingleton<INotificationChannel, PushChannel>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddTxConsumer<NotificationRequestedHandler>([Topics.NotificationEvents], "notification-service", options =>
        {
            options.MaxRetries = 3;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            options.RetryJitter = TimeSpan.FromMilliseconds(100);
        });
        return builder;
    }
}
