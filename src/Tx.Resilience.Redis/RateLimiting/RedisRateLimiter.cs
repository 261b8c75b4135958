using System.Threading.RateLimiting;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// One key of a <see cref="RedisPartitionedRateLimiter"/> as a plain <see cref="RateLimiter"/>, for APIs that take a
/// limiter per partition (ASP.NET Core's <c>RateLimitPartition.Get(ip, ip =&gt; new RedisRateLimiter(shared, ip))</c>).
/// Disposing it does not dispose the shared limiter.
/// </summary>
public sealed class RedisRateLimiter : RateLimiter
{
    private readonly RedisPartitionedRateLimiter _limiter;
    private readonly string _key;

    /// <summary>Initializes a new instance of the <see cref="RedisRateLimiter"/> class.</summary>
    /// <param name="limiter">The shared distributed limiter.</param>
    /// <param name="key">The partition key this limiter decides for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="limiter"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public RedisRateLimiter(RedisPartitionedRateLimiter limiter, string key)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentException.ThrowIfNullOrEmpty(key);
        _limiter = limiter;
        _key = key;
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => null;

    /// <summary>Decides synchronously for this limiter's key.</summary>
    /// <param name="permitCount">The permits wanted.</param>
    /// <returns>The decision.</returns>
    public RateLimitDecision Decide(int permitCount = 1) => _limiter.Decide(_key, permitCount);

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        new RateLimitDecisionLease(_limiter.Decide(_key, permitCount));

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        new RateLimitDecisionLease(await _limiter.DecideAsync(_key, permitCount, cancellationToken).ConfigureAwait(false));
}
