using System.Collections.Concurrent;
using ReferenceServices.Contracts;

namespace CurrencyService.Application;

/// <summary>Rates against USD. Conversion rounds to the target currency's minor units with
/// <see cref="MidpointRounding.ToEven"/> (banker's rounding), once, after multiplying by the cross rate.
/// A rate older than the maximum age is stale: conversion refuses it (<see cref="StaleRateException"/>).</summary>
public sealed class RateTable
{
    private readonly ConcurrentDictionary<string, (decimal PerUsd, DateTimeOffset UpdatedAt)> _rates = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;

    public RateTable(TimeProvider time, TimeSpan maxAge)
    {
        _time = time;
        _maxAge = maxAge;
        DateTimeOffset now = time.GetUtcNow();
        foreach ((string code, decimal perUsd) in new[] { ("USD", 1m), ("EUR", 0.92m), ("GBP", 0.79m), ("CHF", 0.88m), ("JPY", 151.20m) })
        {
            _rates[code] = (perUsd, now);
        }
    }

    public IReadOnlyDictionary<string, object> Snapshot() =>
        _rates.ToDictionary(r => r.Key, r => (object)new { perUsd = r.Value.PerUsd, updatedAt = r.Value.UpdatedAt, stale = IsStale(r.Value.UpdatedAt) });

    public void Set(string code, decimal perUsd) => _rates[code] = (perUsd, _time.GetUtcNow());

    public ConversionResult Convert(string from, string to, decimal amount)
    {
        (decimal fromRate, DateTimeOffset fromAt) = _rates[from];
        (decimal toRate, DateTimeOffset toAt) = _rates[to];
        DateTimeOffset oldest = fromAt < toAt ? fromAt : toAt;
        if (IsStale(oldest))
        {
            throw new StaleRateException(from, to, oldest);
        }

        decimal rate = toRate / fromRate;
        decimal converted = Math.Round(amount * rate, Currencies.MinorUnits[to], MidpointRounding.ToEven);
        return new ConversionResult(from, to, amount, rate, converted, "ToEven", oldest);
    }

    private bool IsStale(DateTimeOffset updatedAt) => _time.GetUtcNow() - updatedAt > _maxAge;
}
