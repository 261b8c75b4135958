namespace ReferenceServices.Contracts;

public sealed record AccountDto(string Id, string UserId, string Currency, decimal Balance, DateTimeOffset CreatedAt);
