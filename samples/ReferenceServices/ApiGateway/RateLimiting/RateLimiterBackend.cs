namespace ApiGateway.RateLimiting;

/// <summary>Where the limiter keeps its windows, for <c>/health</c> and the start-up banner: <c>garnet-embedded</c>
/// (one-command mode) or <c>redis</c> (the <c>Redis</c> connection string is set).</summary>
public sealed record RateLimiterBackend(string Kind, string Endpoint);
