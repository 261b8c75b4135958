using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tx.Cqrs.Commands;
using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Telemetry;

namespace Tx.Cqrs.Pipeline;

/// <summary>
/// Everything about dispatching one message type that was decided when the bus was built: whether a
/// scope is needed, the pre-built middleware chain, the names used in telemetry. The subclasses add the
/// handler call and a fast path for the common case (singleton handler, no middleware, no listener).
/// </summary>
internal abstract class MessageDispatcher<TMessage, TResult> : MessageDispatcher<TResult>
    where TMessage : class
{
    private readonly IServiceProvider _root;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly TimeProvider _timeProvider;
    private readonly CqrsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ICommandExecutedObserver[] _observers;
    private List<IMessageMiddleware<TMessage, TResult>>? _middlewares;
    private MessageHandlerDelegate<TMessage, TResult>? _pipeline;
    private IMessageMiddleware<TMessage, TResult>? _firstMiddleware;
    private MessageHandlerDelegate<TMessage, TResult>? _afterFirstMiddleware;
    private readonly MessageKind _kind;
    private readonly string _kindName;
    private readonly string _messageTypeName;
    private readonly string _activityName;

    protected MessageDispatcher(DispatchEnvironment environment, MessageRegistration registration, IReadOnlyList<Type> middlewareTypes)
    {
        Debug.Assert(registration.MessageType == typeof(TMessage), "The registration describes another message type.");
        _root = environment.Root;
        _scopeFactory = environment.Root.GetRequiredService<IServiceScopeFactory>();
        _timeProvider = environment.TimeProvider;
        _metrics = environment.Metrics;
        _logger = environment.Logger;
        _kind = registration.Kind;
        _kindName = _kind == MessageKind.Command ? CqrsTelemetry.Command : CqrsTelemetry.Query;
        _messageTypeName = typeof(TMessage).FullName ?? typeof(TMessage).Name;
        _activityName = string.Concat(_kindName, " ", typeof(TMessage).Name);
        _observers = _kind == MessageKind.Command ? environment.CommandObservers : [];
        IsSingletonHandler = registration.HandlerLifetime == ServiceLifetime.Singleton;
        RequiresScope = !IsSingletonHandler || registration.ValidatorsNeedScope || environment.Options.CreateScopePerDispatch;

        // A scoped or transient handler lives for one dispatch in a scope of its own, so constructing it
        // directly (dependencies still come from that scope) is equivalent to resolving it, and skips the
        // container's per-scope bookkeeping. Disposable handlers are left to the scope, which disposes them.
        if (!IsSingletonHandler && registration.HandlerImplementationType is { } implementation &&
            !typeof(IDisposable).IsAssignableFrom(implementation) && !typeof(IAsyncDisposable).IsAssignableFrom(implementation))
        {
            HandlerFactory = ActivatorUtilities.CreateFactory(implementation, Type.EmptyTypes);
        }

        _middlewares = CreateMiddlewares(environment.Root, middlewareTypes);
        MiddlewareCount = _middlewares.Count;
        IsDirect = !RequiresScope && _observers.Length == 0;
    }

    /// <summary>Gets the number of middlewares in the pre-built chain (optional ones with nothing to do are left out).</summary>
    public int MiddlewareCount { get; }

    /// <summary>Gets a value indicating whether each dispatch runs in a fresh service scope.</summary>
    public bool RequiresScope { get; }

    /// <summary>Gets the factory that builds a non-singleton, non-disposable handler from the dispatch scope.</summary>
    protected ObjectFactory? HandlerFactory { get; }

    /// <summary>Gets a value indicating whether the handler is a singleton, resolved once and kept.</summary>
    protected bool IsSingletonHandler { get; }

    /// <summary>
    /// Gets a value indicating whether a dispatch may skip the general path: singleton handler (so no
    /// scope) and no observer. Telemetry listeners are checked per call, since they can attach at any time.
    /// </summary>
    protected bool IsDirect { get; }

    /// <summary>Gets a value indicating whether the message has at least one middleware.</summary>
    protected bool HasMiddleware => _firstMiddleware is not null;

    /// <summary>
    /// Links the middlewares to <paramref name="terminal"/> (the handler call), last middleware innermost.
    /// Called once by the subclass constructor, when it knows how to call its handler.
    /// </summary>
    protected void BuildPipeline(MessageHandlerDelegate<TMessage, TResult> terminal)
    {
        Debug.Assert(_middlewares is not null, "The pipeline is built once.");
        if (_middlewares.Count > 0)
        {
            MessageHandlerDelegate<TMessage, TResult> next = terminal;
            for (int i = _middlewares.Count - 1; i >= 1; i--)
            {
                next = new MiddlewareLink<TMessage, TResult>(_middlewares[i], next).InvokeAsync;
            }

            _firstMiddleware = _middlewares[0];
            _afterFirstMiddleware = next;
            _pipeline = new MiddlewareLink<TMessage, TResult>(_firstMiddleware, next).InvokeAsync;
        }

        _middlewares = null;
    }

    /// <summary>Runs the pre-built chain in the root provider (the direct path: singleton handler, no scope).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected ValueTask<TResult> InvokeMiddlewaresDirectAsync(TMessage message, CancellationToken cancellationToken) =>
        _firstMiddleware!.InvokeAsync(message, new MessageContext(_root, _kind, cancellationToken), _afterFirstMiddleware!);

    /// <summary>Gets a value indicating whether a tracing or metrics listener is attached right now.</summary>
    protected bool IsTelemetryEnabled
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => CqrsTelemetry.ActivitySource.HasListeners() || _metrics.IsEnabled;
    }

    /// <summary>Resolves the handler (from the context's services unless cached) and calls it.</summary>
    protected abstract ValueTask<TResult> InvokeHandlerAsync(TMessage message, MessageContext context);

    /// <summary>The general path: cancellation check, scope, middleware chain, telemetry and notification.</summary>
    protected ValueTask<TResult> DispatchCoreAsync(TMessage message, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        if (_observers.Length != 0 || IsTelemetryEnabled)
        {
            return DispatchObservedAsync(message, cancellationToken);
        }

        if (RequiresScope)
        {
            return DispatchInScopeAsync(message, cancellationToken);
        }

        return InvokePipelineAsync(message, new MessageContext(_root, _kind, cancellationToken));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueTask<TResult> InvokePipelineAsync(TMessage message, MessageContext context) =>
        _pipeline is { } pipeline ? pipeline(message, context) : InvokeHandlerAsync(message, context);

    private async ValueTask<TResult> DispatchInScopeAsync(TMessage message, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = _scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await InvokePipelineAsync(message, new MessageContext(scope.ServiceProvider, _kind, cancellationToken)).ConfigureAwait(false);
        }
    }

    private async ValueTask<TResult> DispatchObservedAsync(TMessage message, CancellationToken cancellationToken)
    {
        long started = _timeProvider.GetTimestamp();
        Activity? activity = StartActivity();
        AsyncServiceScope scope = RequiresScope ? _scopeFactory.CreateAsyncScope() : default;
        try
        {
            var context = new MessageContext(RequiresScope ? scope.ServiceProvider : _root, _kind, cancellationToken);
            TResult result = await InvokePipelineAsync(message, context).ConfigureAwait(false);
            OnDispatched(message, result, null, started, activity, cancellationToken);
            return result;
        }
        catch (Exception exception)
        {
            OnDispatched(message, default, exception, started, activity, cancellationToken);
            throw;
        }
        finally
        {
            if (RequiresScope)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }

            activity?.Dispose();
        }
    }

    private Activity? StartActivity()
    {
        if (!CqrsTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        Activity? activity = CqrsTelemetry.ActivitySource.StartActivity(_activityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(CqrsTelemetry.MessageTypeTag, _messageTypeName);
            activity.SetTag(CqrsTelemetry.MessageKindTag, _kindName);
        }

        return activity;
    }

    private void OnDispatched(TMessage message, TResult? result, Exception? exception, long started, Activity? activity, CancellationToken cancellationToken)
    {
        TimeSpan elapsed = _timeProvider.GetElapsedTime(started);
        string outcome = exception switch
        {
            null => CqrsTelemetry.Success,
            OperationCanceledException when cancellationToken.IsCancellationRequested => CqrsTelemetry.Cancelled,
            _ => CqrsTelemetry.Failure,
        };

        if (activity is not null && exception is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag(CqrsTelemetry.ErrorTypeTag, exception.GetType().FullName);
        }

        _metrics.RecordDispatch(_messageTypeName, _kindName, outcome, exception, elapsed);

        if (_observers.Length != 0)
        {
            var arguments = new OnCommandExecutedArguments(message, exception is null ? result : null, exception, elapsed);
            foreach (ICommandExecutedObserver observer in _observers)
            {
                try
                {
                    observer.OnCommandExecuted(in arguments);
                }
#pragma warning disable CA1031 // An observer must not change the outcome of the command it observes.
                catch (Exception observerException)
#pragma warning restore CA1031
                {
                    Log.ObserverFailed(_logger, observerException, observer.GetType().FullName ?? observer.GetType().Name, _messageTypeName);
                }
            }
        }
    }

    private static List<IMessageMiddleware<TMessage, TResult>> CreateMiddlewares(IServiceProvider root, IReadOnlyList<Type> middlewareTypes)
    {
        var middlewares = new List<IMessageMiddleware<TMessage, TResult>>(middlewareTypes.Count);
        foreach (Type type in middlewareTypes)
        {
            Type? closed = type.IsGenericTypeDefinition ? TryClose(type) : type;
            if (closed is null || !typeof(IMessageMiddleware<TMessage, TResult>).IsAssignableFrom(closed))
            {
                continue;
            }

            var middleware = (IMessageMiddleware<TMessage, TResult>)ActivatorUtilities.GetServiceOrCreateInstance(root, closed);
            if (middleware is IOptionalMiddleware { IsActive: false })
            {
                continue;
            }

            middlewares.Add(middleware);
        }

        return middlewares;
    }

    private static Type? TryClose(Type openMiddleware)
    {
        try
        {
            return openMiddleware.MakeGenericType(typeof(TMessage), typeof(TResult));
        }
        catch (ArgumentException)
        {
            // The message does not meet the middleware's generic constraints: it does not apply here.
            return null;
        }
    }
}
