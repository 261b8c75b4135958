using Tx.Cqrs.Commands;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs.Tests.Fixtures;

public sealed record OpenAccountCommand(string Owner, string Currency, decimal InitialDeposit) : ICommand<string>;

public sealed class OpenAccountCommandHandler(Recorder recorder) : ICommandHandler<OpenAccountCommand, string>
{
    public ValueTask<string> HandleAsync(OpenAccountCommand command, CancellationToken cancellationToken)
    {
        recorder.Add("opened");
        return new ValueTask<string>("acc_1");
    }
}

public sealed class OpenAccountOwnerValidator : IValidator<OpenAccountCommand>
{
    public ValueTask ValidateAsync(OpenAccountCommand message, ValidationErrorCollection errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.Owner))
        {
            errors.Add(nameof(message.Owner), "is required");
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Asynchronous on purpose, to show validators may await (e.g. a lookup).</summary>
public sealed class OpenAccountMoneyValidator : IValidator<OpenAccountCommand>
{
    public async ValueTask ValidateAsync(OpenAccountCommand message, ValidationErrorCollection errors, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (message.Currency is not { Length: 3 })
        {
            errors.Add(nameof(message.Currency), "must be a three-letter ISO 4217 code");
        }

        if (message.InitialDeposit < 0)
        {
            errors.Add(nameof(message.InitialDeposit), "must not be negative");
        }
    }
}
