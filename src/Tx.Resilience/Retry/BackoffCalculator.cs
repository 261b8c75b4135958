namespace Tx.Resilience.Retry;

/// <summary>The delay formula, pure: the random draw is passed in so that tests can pin it.</summary>
internal readonly struct BackoffCalculator
{
    private readonly double _baseTicks;
    private readonly double _maxTicks;
    private readonly double _exponentialBase;
    private readonly double _jitterMaxTicks;
    private readonly JitterKind _jitter;

    public BackoffCalculator(RetryOptions options)
    {
        _baseTicks = options.BaseDelay.Ticks;
        _maxTicks = options.MaxDelay.Ticks;
        _exponentialBase = options.ExponentialBase;
        _jitterMaxTicks = options.JitterMax.Ticks;
        _jitter = options.Jitter;
    }

    /// <summary>Computes the delay before retry number <paramref name="attempt"/> + 1.</summary>
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="random">A uniform draw in [0, 1).</param>
    /// <param name="previousTicks">Decorrelated jitter's previous delay; start with 0 and pass the same variable every time.</param>
    public TimeSpan GetDelay(int attempt, double random, ref double previousTicks)
    {
        double exponential = Math.Min(_maxTicks, _baseTicks * Math.Pow(_exponentialBase, attempt));
        double ticks = _jitter switch
        {
            JitterKind.None => exponential,
            JitterKind.Additive => exponential + (random * _jitterMaxTicks),
            JitterKind.Full => random * exponential,
            JitterKind.Equal => (exponential / 2) + (random * exponential / 2),
            JitterKind.Decorrelated => Decorrelated(random, ref previousTicks),
            _ => exponential,
        };

        return TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks / 2.0));
    }

    private double Decorrelated(double random, ref double previousTicks)
    {
        double previous = previousTicks <= 0 ? _baseTicks : previousTicks;
        double upper = Math.Max(_baseTicks, previous * 3);
        double next = Math.Min(_maxTicks, _baseTicks + (random * (upper - _baseTicks)));
        previousTicks = next;
        return next;
    }
}
