using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The guide's gateway headers from a decision: <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c>,
/// <c>X-RateLimit-Reset</c> (ISO-8601 UTC, <c>2025-11-14T15:45:00Z</c>) and, on rejections, <c>Retry-After</c>
/// (whole seconds, rounded up). Works on ASP.NET Core's <c>HttpResponse.Headers</c> (an
/// <see cref="IDictionary{TKey, TValue}"/> of <see cref="StringValues"/>) without referencing the web framework,
/// for the in-memory and the Redis limiters alike.
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>The header that carries the permit limit.</summary>
    public const string Limit = "X-RateLimit-Limit";

    /// <summary>The header that carries the remaining permits.</summary>
    public const string Remaining = "X-RateLimit-Remaining";

    /// <summary>The header that carries the reset time.</summary>
    public const string Reset = "X-RateLimit-Reset";

    /// <summary>The standard header that tells a rejected client when to retry.</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary>Writes the headers of <paramref name="decision"/> into <paramref name="headers"/>.</summary>
    /// <param name="headers">The response headers, for example <c>HttpContext.Response.Headers</c>.</param>
    /// <param name="decision">The decision.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is <see langword="null"/>.</exception>
    public static void Apply(IDictionary<string, StringValues> headers, in RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers[Limit] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[Reset] = FormatReset(decision.ResetAt);
        if (!decision.IsAllowed)
        {
            headers[RetryAfter] = RetryAfterSeconds(decision.RetryAfter).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Formats a reset time the way the guide shows it: <c>2025-11-14T15:45:00Z</c>.</summary>
    /// <param name="resetAt">The reset time.</param>
    /// <returns>The UTC time to the second, ISO-8601.</returns>
    public static string FormatReset(DateTimeOffset resetAt) =>
        resetAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Rounds a retry-after up to whole seconds (a client must not come back too early).</summary>
    /// <param name="retryAfter">The wait.</param>
    /// <returns>The seconds, at least 1 for a positive wait.</returns>
    public static long RetryAfterSeconds(TimeSpan retryAfter) =>
        retryAfter <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(retryAfter.TotalSeconds);
}
