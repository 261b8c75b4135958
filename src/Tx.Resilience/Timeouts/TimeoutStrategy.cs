using Tx.Resilience.Telemetry;

namespace Tx.Resilience.Timeouts;

/// <summary>
/// Cancels an operation's token when it runs longer than the timeout, on the injected <see cref="TimeProvider"/>, and turns
/// that cancellation into <see cref="TimeoutRejectedException"/>. Cancellation is cooperative: the operation must observe
/// the token it is given; the strategy never abandons a running operation.
/// </summary>
/// <remarks>Cancellation sources and timers are pooled: an operation that finishes in time allocates nothing.</remarks>
public sealed class TimeoutStrategy
{
    private readonly TimeProvider _timeProvider;
    private readonly ResilienceTelemetry _telemetry;
    private readonly long _timeoutTimestampTicks;
    private readonly TimeoutScope?[] _pool = new TimeoutScope?[Math.Min(64, Environment.ProcessorCount * 4)];

    /// <summary>Initializes a new instance of the <see cref="TimeoutStrategy"/> class.</summary>
    /// <param name="name">The strategy's name.</param>
    /// <param name="options">The options; <see langword="null"/> for the default 30 s.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names every invalid option.</exception>
    public TimeoutStrategy(string name, TimeoutOptions? options = null, TimeProvider? timeProvider = null)
        : this(name, options ?? new TimeoutOptions(), timeProvider ?? TimeProvider.System, ResilienceTelemetry.None)
    {
    }

    internal TimeoutStrategy(string name, TimeoutOptions options, TimeProvider timeProvider, ResilienceTelemetry telemetry)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.Validate(new TimeoutOptionsValidator(), name, options);
        Name = name;
        Timeout = options.Timeout;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _timeoutTimestampTicks = (long)(Timeout.Ticks * ((double)timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond));
    }

    /// <summary>Gets the strategy's name.</summary>
    public string Name { get; }

    /// <summary>Gets the timeout.</summary>
    public TimeSpan Timeout { get; }

    internal long TimeoutTimestampTicks => _timeoutTimestampTicks;

    /// <summary>Runs <paramref name="operation"/> with a token that is cancelled at the timeout, passing <paramref name="state"/> so that no closure is needed.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation, ideally a <see langword="static"/> lambda; it must observe the token it receives.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <param name="cancellationToken">The caller's token; its cancellation propagates as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="TimeoutRejectedException">The operation observed the timeout's cancellation.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        TimeoutScope scope = Rent();
        CancellationToken token = scope.Arm(Timeout, _timeoutTimestampTicks, cancellationToken);
        ValueTask<TResult> pending;
        try
        {
            pending = operation(state, token);
        }
        catch (OperationCanceledException ex) when (scope.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            Return(scope);
            throw CreateTimeout(ex);
        }
        catch
        {
            Return(scope);
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            TResult result = pending.Result;
            Return(scope);
            return new ValueTask<TResult>(result);
        }

        return AwaitAsync(pending, scope, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> with a token that is cancelled at the timeout.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="operation">The operation; it must observe the token it receives.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="TimeoutRejectedException">The operation observed the timeout's cancellation.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync(static (op, ct) => op(ct), operation, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> with a token that is cancelled at the timeout.</summary>
    /// <param name="operation">The operation; it must observe the token it receives.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>A task that completes with the operation.</returns>
    /// <exception cref="TimeoutRejectedException">The operation observed the timeout's cancellation.</exception>
    public async ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await ExecuteAsync(
            static async (op, ct) =>
            {
                await op(ct).ConfigureAwait(false);
                return true;
            },
            operation,
            cancellationToken).ConfigureAwait(false);
    }

    internal TimeoutScope Rent()
    {
        TimeoutScope?[] pool = _pool;
        for (int i = 0; i < pool.Length; i++)
        {
            TimeoutScope? scope = Volatile.Read(ref pool[i]);
            if (scope is not null && Interlocked.CompareExchange(ref pool[i], null, scope) == scope)
            {
                return scope;
            }
        }

        return new TimeoutScope(_timeProvider);
    }

    internal void Return(TimeoutScope scope)
    {
        if (!scope.Disarm())
        {
            scope.Dispose();
            return;
        }

        TimeoutScope?[] pool = _pool;
        for (int i = 0; i < pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref pool[i], scope, null) is null)
            {
                return;
            }
        }

        scope.Dispose();
    }

    internal TimeoutRejectedException CreateTimeout(Exception? inner)
    {
        _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.TimeoutKind);
        return new TimeoutRejectedException(Timeout, inner) { StrategyName = Name };
    }

    private async ValueTask<TResult> AwaitAsync<TResult>(ValueTask<TResult> pending, TimeoutScope scope, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (scope.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw CreateTimeout(ex);
        }
        finally
        {
            Return(scope);
        }
    }
}
