namespace ReferenceServices.ServiceDefaults.Problems;

/// <summary>Thrown by endpoints that validate without the Tx.Cqrs pipeline; becomes a 400 problem naming the fields.</summary>
public sealed class FieldValidationException : Exception
{
    public FieldValidationException(string field, string message)
        : base($"{field}: {message}")
    {
        Errors = new Dictionary<string, string[]> { [field] = [message] };
    }

    public FieldValidationException()
        : this("body", "invalid")
    {
    }

    public FieldValidationException(string message)
        : this("body", message)
    {
    }

    public FieldValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]> { ["body"] = [message] };
    }

    public Dictionary<string, string[]> Errors { get; }
}
