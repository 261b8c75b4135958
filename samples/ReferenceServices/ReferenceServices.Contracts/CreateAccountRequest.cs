namespace ReferenceServices.Contracts;

public sealed record CreateAccountRequest(string? UserId, string? Currency, decimal? InitialBalance);
