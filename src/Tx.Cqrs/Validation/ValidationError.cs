namespace Tx.Cqrs.Validation;

/// <summary>One invalid field of a message.</summary>
public sealed class ValidationError
{
    /// <summary>Initializes a new instance of the <see cref="ValidationError"/> class.</summary>
    /// <param name="field">The name of the field (for nested fields, a path such as <c>Payee.Iban</c>).</param>
    /// <param name="message">What is wrong with it.</param>
    /// <exception cref="ArgumentException"><paramref name="field"/> or <paramref name="message"/> is null or empty.</exception>
    public ValidationError(string field, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentException.ThrowIfNullOrEmpty(message);
        Field = field;
        Message = message;
    }

    /// <summary>Gets the name of the field.</summary>
    public string Field { get; }

    /// <summary>Gets what is wrong with the field.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Field}: {Message}";
}
