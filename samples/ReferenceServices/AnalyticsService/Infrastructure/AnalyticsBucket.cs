namespace AnalyticsService.Infrastructure;

/// <summary>Counts and volume for one hour (UTC) and currency, or a total over several.
/// <see cref="Volume"/> sums completed amounts; <see cref="FailureRate"/> is failed ÷ finished in %.</summary>
public sealed record AnalyticsBucket(string? Hour, string Currency, long Initiated, long Completed, long Failed, decimal Volume)
{
    public long Pending => Math.Max(0, Initiated - Completed - Failed);

    public double FailureRate => Completed + Failed == 0 ? 0 : Math.Round(100.0 * Failed / (Completed + Failed), 2);
}
