using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.ServiceDefaults.Problems;
using ReportingService.Application;

namespace ReportingService.Apis;

public static class ReportsApi
{
    private const string CsvType = "text/csv";

    /// <summary><c>GET /reports/accounts/{id}/statement?from=&amp;to=</c> (default: the last 30 days) and
    /// <c>GET /reports/daily?date=yyyy-MM-dd</c> (default: today, UTC); CSV with <c>Accept: text/csv</c> or <c>?format=csv</c>.</summary>
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/reports");
        api.MapGet("/accounts/{accountId}/statement", StatementAsync);
        api.MapGet("/daily", Results<Ok<DailySummary>, ContentHttpResult> (string? date, string? format, HttpRequest request, StatementBuilder reports, TimeProvider time) =>
        {
            DailySummary summary = reports.Daily(QueryValue.Date(date, "date") ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            return WantsCsv(format, request) ? Csv(ReportCsv.Daily(summary), $"daily-{summary.Date:yyyy-MM-dd}.csv", request) : TypedResults.Ok(summary);
        });
        return api;
    }

    private static async Task<Results<Ok<Statement>, ContentHttpResult, NotFound>> StatementAsync(
        string accountId, string? from, string? to, string? format, HttpRequest request, StatementBuilder reports, TimeProvider time, CancellationToken ct)
    {
        bool csv = WantsCsv(format, request);
        DateTimeOffset end = QueryValue.Time(to, "to") ?? time.GetUtcNow();
        DateTimeOffset start = QueryValue.Time(from, "from") ?? end.AddDays(-30);
        if (end <= start)
        {
            throw new FieldValidationException("to", "'to' must be after 'from'.");
        }

        if (await reports.StatementAsync(accountId, start, end, ct) is not { } statement)
        {
            return TypedResults.NotFound();
        }

        return csv ? Csv(ReportCsv.Statement(statement), $"statement-{accountId}.csv", request) : TypedResults.Ok(statement);
    }

    private static bool WantsCsv(string? format, HttpRequest request) => format?.ToUpperInvariant() switch
    {
        null => request.Headers.Accept.ToString().Contains(CsvType, StringComparison.OrdinalIgnoreCase),
        "CSV" => true,
        "JSON" => false,
        _ => throw new FieldValidationException("format", "'format' must be json or csv."),
    };

    private static ContentHttpResult Csv(string content, string fileName, HttpRequest request)
    {
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return TypedResults.Text(content, CsvType + "; charset=utf-8");
    }
}
