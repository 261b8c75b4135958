namespace Tx.Cqrs.Validation;

/// <summary>
/// Validates one message type before its handler runs (with <c>UseValidation()</c>). Any number of
/// validators may be registered per message type; all run, and every error they add is reported in one
/// <see cref="ValidationException"/>.
/// </summary>
/// <typeparam name="TMessage">The command or query type.</typeparam>
public interface IValidator<TMessage>
    where TMessage : class
{
    /// <summary>Adds an error to <paramref name="errors"/> for each invalid field of <paramref name="message"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="errors">Collects the errors of every validator of the message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when validation is done.</returns>
    ValueTask ValidateAsync(TMessage message, ValidationErrorCollection errors, CancellationToken cancellationToken);
}
