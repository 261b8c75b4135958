namespace Tx.Resilience.Retry;

/// <summary>
/// The retry delay formula of <see cref="RetryStrategy"/>, usable on its own (for example by a worker that
/// persists its retry schedule): <c>d = min(MaxDelay, BaseDelay × ExponentialBase^attempt)</c>, then the
/// <see cref="RetryOptions.Jitter"/> of the options. It is pure: the random draw is passed in, so a caller can
/// pin it in tests and choose its own random source.
/// </summary>
/// <remarks>Only <see cref="RetryOptions.BaseDelay"/>, <see cref="RetryOptions.MaxDelay"/>,
/// <see cref="RetryOptions.ExponentialBase"/>, <see cref="RetryOptions.Jitter"/> and
/// <see cref="RetryOptions.JitterMax"/> are read, once, by the constructor. <c>default(BackoffCalculator)</c>
/// returns zero delays.</remarks>
public readonly struct BackoffCalculator
{
    private readonly double _baseTicks;
    private readonly double _maxTicks;
    private readonly double _exponentialBase;
    private readonly double _jitterMaxTicks;
    private readonly JitterKind _jitter;

    /// <summary>Initializes a new instance of the <see cref="BackoffCalculator"/> struct from retry options.</summary>
    /// <param name="options">The delay settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public BackoffCalculator(RetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _baseTicks = options.BaseDelay.Ticks;
        _maxTicks = options.MaxDelay.Ticks;
        _exponentialBase = options.ExponentialBase;
        _jitterMaxTicks = options.JitterMax.Ticks;
        _jitter = options.Jitter;
    }

    /// <summary>Computes the delay before retry number <paramref name="attempt"/> + 1.</summary>
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="random">A uniform draw in [0, 1), for example <c>Random.Shared.NextDouble()</c>.</param>
    /// <param name="previousTicks">Decorrelated jitter's previous delay; start with 0 and pass the same variable every time.
    /// The other jitter kinds leave it unchanged.</param>
    /// <returns>The delay.</returns>
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

    /// <summary>Computes the delay before retry number <paramref name="attempt"/> + 1, for jitter kinds that keep no state
    /// (every kind but <see cref="JitterKind.Decorrelated"/>, which this overload treats as a first retry).</summary>
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="random">A uniform draw in [0, 1), for example <c>Random.Shared.NextDouble()</c>.</param>
    /// <returns>The delay.</returns>
    public TimeSpan GetDelay(int attempt, double random)
    {
        double previous = 0;
        return GetDelay(attempt, random, ref previous);
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
