namespace ReferenceServices.Contracts;

/// <summary>The guide's body of <c>POST /transactions</c>. Everything nullable so validation names missing fields.</summary>
public sealed record CreateTransactionRequest(
    string? UserId,
    string? Type,
    decimal? Amount,
    string? FromAccount,
    string? ToAccount,
    string? Currency,
    string? Description = null);
