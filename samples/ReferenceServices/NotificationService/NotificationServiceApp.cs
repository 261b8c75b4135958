using NotificationService.Apis;
using NotificationService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults;
using ReferenceServices.ServiceDefaults.Hosting;

namespace NotificationService;

/// <summary>Builds the notification service (3005): consumes <c>notification-events</c>, delivers through a channel, records it.</summary>
public static class NotificationServiceApp
{
    public static WebApplication CreateApp(ServiceHostContext context)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(ServiceNames.Notification, context);
        builder.AddNotificationService();
        WebApplication app = builder.Build();
        _ = app.Services.GetRequiredService<DeliveryStore>(); // schema at start, not on the first request
        app.MapDefaultEndpoints();
        app.MapNotificationsApi();
        return app;
    }
}
