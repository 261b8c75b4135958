namespace Tx.Cqrs.Validation;

/// <summary>
/// Thrown by the validation middleware when a message is invalid; <see cref="Errors"/> lists every field
/// error of every validator of the message, and the message text names them all.
/// </summary>
public sealed class ValidationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class.</summary>
    public ValidationException()
        : this("The message is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class.</summary>
    /// <param name="message">The exception message.</param>
    public ValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class.</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause.</param>
    public ValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class.</summary>
    /// <param name="messageType">The type of the invalid command or query.</param>
    /// <param name="errors">Every field error.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ValidationException(Type messageType, IEnumerable<ValidationError> errors)
        : this(messageType, (errors ?? throw new ArgumentNullException(nameof(errors))).ToArray())
    {
    }

    private ValidationException(Type messageType, ValidationError[] errors)
        : base(FormatMessage(messageType, errors))
    {
        MessageType = messageType;
        Errors = errors;
    }

    /// <summary>Gets the type of the invalid command or query, when known.</summary>
    public Type? MessageType { get; }

    /// <summary>Gets every field error.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    private static string FormatMessage(Type messageType, ValidationError[] errors)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        return $"{messageType.Name} is invalid: {string.Join("; ", errors.Select(e => e.ToString()))}.";
    }
}
