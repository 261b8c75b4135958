using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;
using Tx.Cqrs.Telemetry;

namespace Tx.Cqrs.Validation;

/// <summary>
/// Runs every <see cref="IValidator{TMessage}"/> of the message, then throws one
/// <see cref="ValidationException"/> listing all their errors, or calls the rest of the pipeline.
/// Left out of the pipeline of messages that have no validator.
/// </summary>
internal sealed class ValidationMiddleware<TMessage, TResult> : IMessageMiddleware<TMessage, TResult>, IOptionalMiddleware
    where TMessage : class
{
    private readonly IValidator<TMessage>[]? _singletons;
    private readonly ILogger _logger;

    public ValidationMiddleware(IServiceProvider services, CqrsRegistry registry, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(registry);
        ValidatorInfo info = registry.Catalog.Validators.GetValueOrDefault(typeof(TMessage));
        IsActive = info.Count > 0;

        // Singleton validators are resolved once; scoped or transient ones per call, from the dispatch scope.
        _singletons = IsActive && !info.NeedScope ? services.GetServices<IValidator<TMessage>>().ToArray() : null;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LoggingCategory);
    }

    public static string LoggingCategory => "Tx.Cqrs.Validation";

    public bool IsActive { get; }

    public async ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        IEnumerable<IValidator<TMessage>> validators = _singletons ?? context.Services.GetServices<IValidator<TMessage>>();
        var errors = new ValidationErrorCollection();
        foreach (IValidator<TMessage> validator in validators)
        {
            await validator.ValidateAsync(message, errors, context.CancellationToken).ConfigureAwait(false);
        }

        if (errors.Count > 0)
        {
            Log.ValidationFailed(_logger, context.Kind == MessageKind.Command ? CqrsTelemetry.Command : CqrsTelemetry.Query, typeof(TMessage).Name, errors.Count);
            throw new ValidationException(typeof(TMessage), errors);
        }

        return await next(message, context).ConfigureAwait(false);
    }
}
