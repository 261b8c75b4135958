using System.Collections;

namespace Tx.Cqrs.Validation;

/// <summary>The errors the validators of one message found so far.</summary>
public sealed class ValidationErrorCollection : IReadOnlyList<ValidationError>
{
    private List<ValidationError>? _errors;

    /// <inheritdoc/>
    public int Count => _errors?.Count ?? 0;

    /// <inheritdoc/>
    public ValidationError this[int index] => _errors is { } errors ? errors[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Adds an error.</summary>
    /// <param name="field">The name of the invalid field.</param>
    /// <param name="message">What is wrong with it.</param>
    public void Add(string field, string message) => Add(new ValidationError(field, message));

    /// <summary>Adds an error.</summary>
    /// <param name="error">The error.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public void Add(ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        (_errors ??= []).Add(error);
    }

    /// <inheritdoc/>
    public IEnumerator<ValidationError> GetEnumerator() => (_errors ?? []).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
