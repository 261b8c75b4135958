namespace ReferenceServices.Contracts;

/// <summary>Score 0–100 and decision APPROVE, REVIEW or REJECT.</summary>
public sealed record RiskAssessment(int Score, string Decision, IReadOnlyList<string> Reasons);
