namespace Tx.Resilience.Retry;

/// <summary>How randomness is added to the exponential backoff <c>d = min(MaxDelay, BaseDelay × ExponentialBase^attempt)</c>.</summary>
public enum JitterKind
{
    /// <summary>No jitter: the delay is exactly <c>d</c>.</summary>
    None = 0,

    /// <summary>The guide's jitter: <c>d + random(0, JitterMax)</c>.</summary>
    Additive = 1,

    /// <summary>"Full jitter": <c>random(0, d)</c>.</summary>
    Full = 2,

    /// <summary>"Equal jitter": <c>d / 2 + random(0, d / 2)</c>.</summary>
    Equal = 3,

    /// <summary>"Decorrelated jitter": <c>min(MaxDelay, random(BaseDelay, previous × 3))</c>, where previous starts at <c>BaseDelay</c>.</summary>
    Decorrelated = 4,
}
