namespace ReferenceServices.Contracts;

public sealed record RiskAssessmentRequest(string? UserId, string? Type, decimal? Amount, string? Currency, string? FromAccount);
