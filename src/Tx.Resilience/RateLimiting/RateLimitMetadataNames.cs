using System.Threading.RateLimiting;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// Metadata names carried by the leases of the Tx sliding-window limiters, in addition to
/// <see cref="MetadataName.RetryAfter"/> (present on every lease, zero on grants).
/// </summary>
public static class RateLimitMetadataNames
{
    /// <summary>Gets the permits still available after the decision.</summary>
    public static MetadataName<int> Remaining { get; } = MetadataName.Create<int>("RATELIMIT_REMAINING");

    /// <summary>Gets the time (UTC) at which the number of available permits next grows.</summary>
    public static MetadataName<DateTimeOffset> Reset { get; } = MetadataName.Create<DateTimeOffset>("RATELIMIT_RESET");

    /// <summary>Gets the permit limit of the window.</summary>
    public static MetadataName<int> Limit { get; } = MetadataName.Create<int>("RATELIMIT_LIMIT");
}
