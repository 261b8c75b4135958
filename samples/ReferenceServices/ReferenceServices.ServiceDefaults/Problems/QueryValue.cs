using System.Globalization;

namespace ReferenceServices.ServiceDefaults.Problems;

/// <summary>Parses optional query values so that a bad one becomes a 400 problem naming that parameter (minimal APIs'
/// own binding failure names no field).</summary>
public static class QueryValue
{
    public static DateTimeOffset? Time(string? value, string field) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed) ? parsed
        : throw new FieldValidationException(field, $"'{field}' must be an ISO-8601 time, e.g. 2026-01-31T00:00:00Z.");

    public static DateOnly? Date(string? value, string field) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed) ? parsed
        : throw new FieldValidationException(field, $"'{field}' must be a date, yyyy-MM-dd.");

    public static long? Long(string? value, string field) =>
        value is null ? null
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed
        : throw new FieldValidationException(field, $"'{field}' must be an integer.");
}
