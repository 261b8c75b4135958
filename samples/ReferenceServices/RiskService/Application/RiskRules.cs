namespace RiskService.Application;

/// <summary>Rule thresholds (section <c>Risk</c>).</summary>
public sealed class RiskRules
{
    public decimal ReviewAmount { get; set; } = 10_000m;
    public decimal RejectAmount { get; set; } = 50_000m;
    public int VelocityLimit { get; set; } = 500;
    public TimeSpan VelocityWindow { get; set; } = TimeSpan.FromMinutes(1);
    public int RejectScore { get; set; } = 80;
    public int ReviewScore { get; set; } = 50;
}
