namespace ReferenceServices.Contracts;

/// <summary>The currencies the system knows, with their minor-unit digits (ISO 4217).</summary>
public static class Currencies
{
    public static IReadOnlyDictionary<string, int> MinorUnits { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["USD"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["CHF"] = 2,
        ["JPY"] = 0,
    };

    public static bool IsKnown(string? code) => code is not null && MinorUnits.ContainsKey(code);
}
