namespace SettlementService.Application;

public sealed record CurrencyTotal(string Currency, int Count, decimal Amount);
