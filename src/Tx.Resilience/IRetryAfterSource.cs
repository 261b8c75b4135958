namespace Tx.Resilience;

/// <summary>
/// Implemented by an exception (or a result type) that knows how long the caller should wait before
/// trying again, for example from a server's <c>Retry-After</c> header. The retry strategy prefers this
/// hint over its own computed backoff.
/// </summary>
public interface IRetryAfterSource
{
    /// <summary>Gets how long to wait before the next attempt, or <see langword="null"/> when unknown.</summary>
    TimeSpan? RetryAfter { get; }
}
