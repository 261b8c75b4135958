using System.Globalization;
using Microsoft.Extensions.Options;
using ApiGateway.Resilience;
using Tx.Resilience.RateLimiting;

namespace ApiGateway.RateLimiting;

/// <summary>Counts every /api request against the client's window; sets X-RateLimit-Limit, X-RateLimit-Remaining and
/// X-RateLimit-Reset (ISO-8601 UTC); rejects with 429, Retry-After (seconds) and a problem body.</summary>
public sealed class RateLimitMiddleware(RequestDelegate next, IClientRateLimiter limiter, IOptions<GatewayOptions> options, GatewayCounters counters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        RateLimitDecision decision = await limiter.AcquireAsync(ClientKey(context), context.RequestAborted);
        RateLimitHeaders.Apply(context.Response.Headers, decision); // X-RateLimit-*, and Retry-After on a rejection
        if (decision.IsAllowed)
        {
            await next(context);
            return;
        }

        counters.RateLimited();
        long retryAfter = Math.Max(1, RateLimitHeaders.RetryAfterSeconds(decision.RetryAfter));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            detail: $"Rate limit of {decision.Limit} requests exceeded; retry after {retryAfter} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    }

    private string ClientKey(HttpContext context)
    {
        if (options.Value.RateLimit.TrustForwardedFor && context.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            return forwarded.Split(',')[0].Trim();
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
