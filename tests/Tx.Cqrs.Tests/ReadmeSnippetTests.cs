using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Auditing;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs.Tests;

// The code of src/Tx.Cqrs/README.md's quick start, compiled and run here. Keep the two in step.

#region readme-messages
public sealed record Transaction(string Id, decimal Amount, string FromAccount, string ToAccount, string Currency);

public sealed record CreateTransactionCommand(decimal Amount, string FromAccount, string ToAccount, string Currency)
    : ICommand<Transaction>;

public sealed record GetTransactionQuery(string Id) : IQuery<Transaction?>;
#endregion

#region readme-handlers
public interface ITransactionStore
{
    ValueTask SaveAsync(Transaction transaction, CancellationToken cancellationToken);

    ValueTask<Transaction?> FindAsync(string id, CancellationToken cancellationToken);
}

public sealed class CreateTransactionCommandHandler(ITransactionStore store) : ICommandHandler<CreateTransactionCommand, Transaction>
{
    public async ValueTask<Transaction> HandleAsync(CreateTransactionCommand command, CancellationToken cancellationToken)
    {
        var transaction = new Transaction($"txn_{Guid.NewGuid():N}", command.Amount, command.FromAccount, command.ToAccount, command.Currency);
        await store.SaveAsync(transaction, cancellationToken);
        return transaction;
    }
}

[HandlerLifetime(ServiceLifetime.Singleton)] // stateless: resolved once, the fastest path
public sealed class GetTransactionQueryHandler(ITransactionStore store) : IQueryHandler<GetTransactionQuery, Transaction?>
{
    public ValueTask<Transaction?> HandleAsync(GetTransactionQuery query, CancellationToken cancellationToken) =>
        store.FindAsync(query.Id, cancellationToken);
}

public sealed class CreateTransactionCommandValidator : IValidator<CreateTransactionCommand>
{
    public ValueTask ValidateAsync(CreateTransactionCommand command, ValidationErrorCollection errors, CancellationToken cancellationToken)
    {
        if (command.Amount <= 0)
        {
            errors.Add(nameof(command.Amount), "must be greater than zero");
        }

        if (string.IsNullOrEmpty(command.FromAccount))
        {
            errors.Add(nameof(command.FromAccount), "is required");
        }

        if (command.FromAccount == command.ToAccount)
        {
            errors.Add(nameof(command.ToAccount), "must differ from FromAccount");
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class InMemoryTransactionStore : ITransactionStore
{
    private readonly ConcurrentDictionary<string, Transaction> _transactions = new();

    public ValueTask SaveAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        _transactions[transaction.Id] = transaction;
        return ValueTask.CompletedTask;
    }

    public ValueTask<Transaction?> FindAsync(string id, CancellationToken cancellationToken) =>
        new(_transactions.GetValueOrDefault(id));
}

public sealed class AuditLog : IAuditSink
{
    public ConcurrentQueue<AuditRecord> Records { get; } = new();

    public ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        Records.Enqueue(record);
        return ValueTask.CompletedTask;
    }
}
#endregion

public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task QuickStart_RunsAsDocumented()
    {
        var services = new ServiceCollection();

        // Not in the README: the scan below also finds this test assembly's other fixtures, whose singleton
        // handlers are built when the bus is, and they need these.
        services.AddSingleton<Fixtures.Recorder>().AddScoped<Fixtures.ScopedDependency>();

        #region readme-quick-start
        services.AddSingleton<ITransactionStore, InMemoryTransactionStore>();
        services.AddTxCqrs(typeof(CreateTransactionCommand).Assembly) // handlers, validators: scanned
            .UseLogging()                                               // 1. outermost
            .UseValidation()                                            // 2.
            .UseAudit()                                                 // 3. commands only
            .AddAuditSink<AuditLog>();

        using ServiceProvider provider = services.BuildServiceProvider();
        ICommandBus commandBus = provider.GetRequiredService<ICommandBus>();
        IQueryBus queryBus = provider.GetRequiredService<IQueryBus>();

        Transaction created = await commandBus.ExecuteAsync(new CreateTransactionCommand(100m, "acc_1", "acc_2", "USD"));
        Transaction? read = await queryBus.ExecuteAsync(new GetTransactionQuery(created.Id));

        try
        {
            await commandBus.ExecuteAsync(new CreateTransactionCommand(-5m, "", "", "USD"));
        }
        catch (ValidationException exception)
        {
            // "CreateTransactionCommand is invalid: Amount: must be greater than zero; FromAccount: is required; ToAccount: must differ from FromAccount."
            Console.WriteLine(exception.Message);
        }
        #endregion

        Assert.Equal(created, read);
        AuditRecord audited = Assert.Single(((AuditLog)provider.GetRequiredService<IAuditSink>()).Records);
        Assert.Same(created, audited.Result);
        ValidationException invalid = await Assert.ThrowsAsync<ValidationException>(
            () => commandBus.ExecuteAsync(new CreateTransactionCommand(-5m, "", "", "USD")).AsTask());
        Assert.Equal(
            "CreateTransactionCommand is invalid: Amount: must be greater than zero; FromAccount: is required; ToAccount: must differ from FromAccount.",
            invalid.Message);
    }
}
