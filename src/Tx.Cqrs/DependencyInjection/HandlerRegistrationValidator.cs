using Microsoft.Extensions.Options;

namespace Tx.Cqrs.DependencyInjection;

/// <summary>
/// The start-up check of handler registrations, run with the options validation: when the host starts
/// (ValidateOnStart), or when the buses are first resolved outside a host. It lists every error at once.
/// </summary>
internal sealed class HandlerRegistrationValidator(CqrsRegistry registry) : IValidateOptions<TxCqrsOptions>
{
    public ValidateOptionsResult Validate(string? name, TxCqrsOptions options)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        IReadOnlyList<string> errors = registry.Catalog.Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
