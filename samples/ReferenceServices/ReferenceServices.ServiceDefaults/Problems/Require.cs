namespace ReferenceServices.ServiceDefaults.Problems;

/// <summary>Small field checks for endpoints that don't go through Tx.Cqrs.</summary>
public static class Require
{
    public static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FieldValidationException(field, $"'{field}' is required.") : value;

    public static decimal Amount(decimal? value, string field, decimal max = 1_000_000m)
    {
        if (value is not { } amount)
        {
            throw new FieldValidationException(field, $"'{field}' is required.");
        }

        return amount <= 0 || amount > max
            ? throw new FieldValidationException(field, $"'{field}' must be greater than 0 and at most {max}.")
            : amount;
    }
}
