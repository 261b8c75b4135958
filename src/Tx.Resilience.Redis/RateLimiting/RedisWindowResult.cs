namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>What one script call returned; times are microseconds on the Redis server's clock.</summary>
internal readonly record struct RedisWindowResult(bool Allowed, int Remaining, long ResetMicros, long RetryAfterMicros, long NowMicros);
