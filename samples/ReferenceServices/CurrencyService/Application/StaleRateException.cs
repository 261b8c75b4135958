namespace CurrencyService.Application;

public sealed class StaleRateException(string from, string to, DateTimeOffset updatedAt)
    : Exception($"The {from}/{to} rate was last updated at {updatedAt:O} and is stale.");
