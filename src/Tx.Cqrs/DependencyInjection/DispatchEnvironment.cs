using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Pipeline;
using Tx.Cqrs.Telemetry;

namespace Tx.Cqrs.DependencyInjection;

/// <summary>
/// The services every dispatcher shares, resolved once. Building it reads the validated
/// <see cref="TxCqrsOptions"/>, so a bus is never created while a message has no handler or two.
/// </summary>
internal sealed class DispatchEnvironment
{
    public DispatchEnvironment(
        IServiceProvider root,
        CqrsRegistry registry,
        IOptions<TxCqrsOptions> options,
        CqrsMetrics metrics,
        TimeProvider timeProvider,
        IEnumerable<ICommandExecutedObserver> observers,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);

        // Reading Value runs the start-up validators, the handler check among them.
        Options = options.Value;
        Root = root;
        Registry = registry;
        Catalog = registry.Catalog;
        Metrics = metrics;
        TimeProvider = timeProvider;
        CommandObservers = observers.ToArray();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(CqrsTelemetry.Name);
    }

    public IServiceProvider Root { get; }

    public CqrsRegistry Registry { get; }

    public HandlerCatalog Catalog { get; }

    public TxCqrsOptions Options { get; }

    public CqrsMetrics Metrics { get; }

    public TimeProvider TimeProvider { get; }

    public ICommandExecutedObserver[] CommandObservers { get; }

    public ILogger Logger { get; }

    /// <summary>Builds one dispatcher per message (middleware chain included) and the lookup table over them.</summary>
    public DispatcherTable CreateTable(IReadOnlyList<MessageRegistration> registrations, Type openDispatcherType)
    {
        var items = new List<KeyValuePair<Type, object>>(registrations.Count);
        foreach (MessageRegistration registration in registrations)
        {
            Type dispatcherType = openDispatcherType.MakeGenericType(registration.MessageType, registration.ResultType);
            object dispatcher;
            try
            {
                dispatcher = Activator.CreateInstance(dispatcherType, this, registration)!;
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(exception.InnerException);
                throw;
            }

            items.Add(new KeyValuePair<Type, object>(registration.MessageType, dispatcher));
        }

        return new DispatcherTable(items);
    }
}
