using AnalyticsService.Infrastructure;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Problems;

namespace AnalyticsService.Apis;

public static class AnalyticsApi
{
    /// <summary><c>GET /analytics/summary[?currency=]</c>: totals and per currency (counts, completed volume, failure rate);
    /// <c>GET /analytics/hourly[?from=&amp;to=&amp;currency=]</c>: the hourly buckets.</summary>
    public static RouteGroupBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/analytics");
        api.MapGet("/summary", (string? currency, AnalyticsStore store) =>
        {
            CheckCurrency(currency);
            AnalyticsBucket[] perCurrency = [.. store.Hourly(null, null, currency)
                .GroupBy(b => b.Currency, StringComparer.Ordinal)
                .Select(g => Sum(g.Key, g))
                .OrderBy(b => b.Currency, StringComparer.Ordinal)];
            AnalyticsBucket total = Sum("*", perCurrency);
            return TypedResults.Ok(new
            {
                transactions = total.Initiated,
                completed = total.Completed,
                failed = total.Failed,
                pending = total.Pending,
                failureRate = total.FailureRate,
                eventsProcessed = store.EventsProcessed(),
                currencies = perCurrency.Select(View),
            });
        });
        api.MapGet("/hourly", (string? from, string? to, string? currency, AnalyticsStore store) =>
        {
            CheckCurrency(currency);
            DateTimeOffset? start = QueryValue.Time(from, "from");
            DateTimeOffset? end = QueryValue.Time(to, "to");
            if (start is { } f && end is { } t && t <= f)
            {
                throw new FieldValidationException("to", "'to' must be after 'from'.");
            }

            return TypedResults.Ok(store.Hourly(start, end, currency).Select(View));
        });
        return api;
    }

    private static void CheckCurrency(string? currency)
    {
        if (currency is not null && !Currencies.IsKnown(currency))
        {
            throw new FieldValidationException("currency", $"Unknown currency '{currency}'.");
        }
    }

    private static AnalyticsBucket Sum(string currency, IEnumerable<AnalyticsBucket> buckets)
    {
        AnalyticsBucket sum = new(null, currency, 0, 0, 0, 0m);
        foreach (AnalyticsBucket b in buckets)
        {
            sum = sum with { Initiated = sum.Initiated + b.Initiated, Completed = sum.Completed + b.Completed, Failed = sum.Failed + b.Failed, Volume = sum.Volume + b.Volume };
        }

        return sum;
    }

    private static object View(AnalyticsBucket b) => new
    {
        hour = b.Hour,
        currency = b.Currency,
        transactions = b.Initiated,
        completed = b.Completed,
        failed = b.Failed,
        pending = b.Pending,
        volume = b.Volume,
        failureRate = b.FailureRate,
    };
}
