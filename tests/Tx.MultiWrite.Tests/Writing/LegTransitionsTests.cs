using FsCheck.Xunit;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.Writing;

public sealed class LegTransitionsTests
{
    [Property(MaxTest = 300)]
    public bool Backoff_StaysWithinExponentialPlusJitterBounds(byte attempt, ushort randomPermille)
    {
        var options = new RetryWorkerOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), JitterMax = TimeSpan.FromSeconds(1) };
        double random = (randomPermille % 1000) / 1000.0;
        double exponential = Math.Min(30_000, 1000 * Math.Pow(2, Math.Max(attempt - 1, 0)));

        TimeSpan delay = LegTransitions.Backoff(attempt, options, random);

        return delay.TotalMilliseconds >= exponential - 0.001 && delay.TotalMilliseconds <= exponential + 1000 + 0.001;
    }

    [Fact]
    public void Backoff_Doubles_ThenCapsAtMaxDelay()
    {
        var options = new RetryWorkerOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), JitterMax = TimeSpan.Zero };

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => LegTransitions.Backoff(a, options, 0.5).TotalSeconds));
    }
}
