namespace Tx.TestUtilities;

/// <summary>Waits for a condition with a bounded timeout (instead of a fixed sleep).</summary>
public static class Eventually
{
    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Condition not met within {timeout}{(because is null ? string.Empty : ": " + because)}.");
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Condition not met within {timeout}{(because is null ? string.Empty : ": " + because)}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
