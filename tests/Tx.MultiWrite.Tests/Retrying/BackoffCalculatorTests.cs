using FsCheck.Xunit;
using Tx.MultiWrite.Retrying;

namespace Tx.MultiWrite.Tests.Retrying;

public sealed class BackoffCalculatorTests
{
    [Property(MaxTest = 300)]
    public bool Delay_StaysWithinExponentialPlusJitterBounds(byte attempt, ushort randomPermille)
    {
        var options = new RetryWorkerOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), JitterMax = TimeSpan.FromSeconds(1) };
        double random = (randomPermille % 1000) / 1000.0;
        double exponential = Math.Min(30_000, 1000 * Math.Pow(2, Math.Max(attempt - 1, 0)));

        TimeSpan delay = BackoffCalculator.Delay(attempt, options, random);

        return delay.TotalMilliseconds >= exponential - 0.001 && delay.TotalMilliseconds <= exponential + 1000 + 0.001;
    }

    [Fact]
    public void Delay_Doubles_ThenCapsAtMaxDelay()
    {
        var options = new RetryWorkerOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), JitterMax = TimeSpan.Zero };

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => BackoffCalculator.Delay(a, options, 0.5).TotalSeconds));
    }
}
