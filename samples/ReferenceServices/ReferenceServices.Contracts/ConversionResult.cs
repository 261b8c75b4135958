namespace ReferenceServices.Contracts;

public sealed record ConversionResult(string From, string To, decimal Amount, decimal Rate, decimal Converted, string Rounding, DateTimeOffset RateUpdatedAt);
