using FsCheck;
using FsCheck.Xunit;
using Tx.Messaging.Backoff;

namespace Tx.Messaging.Tests.Backoff;

public class RetryBackoffTests
{
    [Theory]
    [InlineData(0, 1_000)]
    [InlineData(1, 2_000)]
    [InlineData(2, 4_000)]
    [InlineData(4, 16_000)]
    [InlineData(5, 30_000)]
    [InlineData(100, 30_000)]
    public void GetDelay_NoJitter_BaseTimesTwoToTheAttemptCapped(int attempt, int expectedMilliseconds)
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), backoff.GetDelay(attempt));
    }

    [Property(MaxTest = 300)]
    public bool GetDelay_WithJitter_StaysWithinExponentialPlusJitter(NonNegativeInt attempt, PositiveInt seed)
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), new Random(seed.Get));
        TimeSpan exponential = TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(attempt.Get, 62))));

        TimeSpan delay = backoff.GetDelay(attempt.Get);

        return delay >= exponential && delay < exponential + TimeSpan.FromSeconds(1);
    }
}
