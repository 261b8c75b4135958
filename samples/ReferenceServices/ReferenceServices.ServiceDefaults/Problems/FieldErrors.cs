namespace ReferenceServices.ServiceDefaults.Problems;

/// <summary>Collects every invalid field of a request, then throws one <see cref="FieldValidationException"/> naming them all.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message) => _errors.TryAdd(field, [message]);

    /// <summary>The trimmed text, or null after recording "required".</summary>
    public string? Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required.");
            return null;
        }

        return value.Trim();
    }

    /// <summary>The amount when 0 &lt; amount ≤ max, else null after recording why.</summary>
    public decimal? Amount(decimal? value, string field, decimal max)
    {
        if (value is not { } amount)
        {
            Add(field, $"'{field}' is required.");
            return null;
        }

        if (amount <= 0 || amount > max)
        {
            Add(field, $"'{field}' must be greater than 0 and at most {max}.");
            return null;
        }

        return amount;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count == 0)
        {
            return;
        }

        KeyValuePair<string, string[]> first = _errors.First();
        FieldValidationException exception = new(first.Key, first.Value[0]);
        foreach ((string field, string[] messages) in _errors)
        {
            exception.Errors[field] = messages;
        }

        throw exception;
    }
}
