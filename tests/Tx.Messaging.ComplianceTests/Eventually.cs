namespace Tx.Messaging.ComplianceTests;

/// <summary>Waits for a condition with a bounded timeout (no fixed sleeps), optionally doing something between checks.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string because, Action? betweenChecks = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {timeout} waiting until {because}.");
            }

            betweenChecks?.Invoke();
            await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }
    }
}
