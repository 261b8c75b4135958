namespace ReferenceServices.Contracts.Transactions;

public sealed record CurrencyConverted(string From, string To, decimal Rate, decimal Converted, DateTimeOffset At);
