using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tx.Resilience.Retry;

namespace Tx.Resilience.Tests.Retry;

public sealed class BackoffCalculatorTests
{
    [Fact]
    public void GetDelay_NoJitter_DoublesUpToCap()
    {
        var calculator = new BackoffCalculator(new RetryOptions { Jitter = JitterKind.None, MaxDelay = TimeSpan.FromSeconds(5) });
        double previous = 0;

        TimeSpan[] delays = [.. Enumerable.Range(0, 5).Select(a => calculator.GetDelay(a, 0.9, ref previous))];

        Assert.Equal([1, 2, 4, 5, 5], delays.Select(d => d.TotalSeconds));
    }

    [Property(MaxTest = 2_000)]
    public Property GetDelay_EveryJitterKind_StaysWithinBounds(byte attemptSeed, byte kindSeed, NormalFloat drawSeed, PositiveInt baseMs, PositiveInt maxMs, byte factorSeed)
    {
        double draw = Math.Abs(drawSeed.Get % 1.0);
        int attempt = attemptSeed % 40;
        var kind = (JitterKind)(kindSeed % 5);
        var options = new RetryOptions
        {
            Jitter = kind,
            BaseDelay = TimeSpan.FromMilliseconds(baseMs.Get % 10_000),
            MaxDelay = TimeSpan.FromMilliseconds(maxMs.Get % 60_000),
            ExponentialBase = 1.0 + (factorSeed % 4),
            JitterMax = TimeSpan.FromMilliseconds(100),
        };
        var calculator = new BackoffCalculator(options);
        double previous = 0;
        double exponential = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(options.ExponentialBase, attempt));

        double delay = calculator.GetDelay(attempt, draw, ref previous).TotalMilliseconds;

        (double low, double high) = kind switch
        {
            JitterKind.None => (exponential, exponential),
            JitterKind.Additive => (exponential, exponential + 100),
            JitterKind.Full => (0, exponential),
            JitterKind.Equal => (exponential / 2, exponential),
            _ => (Math.Min(options.BaseDelay.TotalMilliseconds, options.MaxDelay.TotalMilliseconds), Math.Max(options.BaseDelay.TotalMilliseconds, options.MaxDelay.TotalMilliseconds)),
        };
        return (delay >= low - 0.001 && delay <= high + 0.001).Label($"{kind} attempt {attempt}: {delay} not in [{low}, {high}]");
    }

    [Property(MaxTest = 500)]
    public Property GetDelay_GuideDefaults_AdditiveJitterWithinZeroToHundredMs(NormalFloat drawSeed, byte attemptSeed)
    {
        int attempt = attemptSeed % 3;
        var calculator = new BackoffCalculator(new RetryOptions());
        double previous = 0;

        double delay = calculator.GetDelay(attempt, Math.Abs(drawSeed.Get % 1.0), ref previous).TotalMilliseconds;

        double expected = 1000 * Math.Pow(2, attempt);
        return (delay >= expected && delay <= expected + 100).ToProperty();
    }

    [Fact]
    public void Constructor_NullOptions_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new BackoffCalculator(null!));

    [Property(MaxTest = 500)]
    public bool GetDelay_WithoutState_EqualsTheStatefulOverloadOnAFreshSequence(byte attemptSeed, byte kindSeed, ushort drawPermille)
    {
        var calculator = new BackoffCalculator(new RetryOptions { Jitter = (JitterKind)(kindSeed % 5), JitterMax = TimeSpan.FromMilliseconds(250) });
        int attempt = attemptSeed % 20;
        double draw = (drawPermille % 1000) / 1000.0;
        double previous = 0;

        return calculator.GetDelay(attempt, draw) == calculator.GetDelay(attempt, draw, ref previous);
    }

    [Fact]
    public void GetDelay_Decorrelated_CarriesThePreviousDelay()
    {
        var calculator = new BackoffCalculator(new RetryOptions { Jitter = JitterKind.Decorrelated, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromMinutes(1) });
        double previous = 0;

        TimeSpan first = calculator.GetDelay(0, 1.0, ref previous);
        TimeSpan second = calculator.GetDelay(1, 1.0, ref previous);

        Assert.Equal(TimeSpan.FromSeconds(3), first);
        Assert.Equal(TimeSpan.FromSeconds(9), second);
    }
}
