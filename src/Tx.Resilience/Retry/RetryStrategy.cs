using System.Runtime.ExceptionServices;
using Tx.Resilience.Telemetry;

namespace Tx.Resilience.Retry;

/// <summary>
/// Retries a failed operation with exponential backoff and jitter:
/// <c>delay = min(MaxDelay, BaseDelay × ExponentialBase^attempt) + jitter</c>, or the failure's own Retry-After.
/// Rejections (open circuit, full bulkhead, rate limit) and cancellations are not retried unless asked.
/// </summary>
/// <remarks>A successful first attempt costs one delegate call and a completed-task check: no allocation.</remarks>
public sealed class RetryStrategy
{
    private readonly TimeProvider _timeProvider;
    private readonly ResilienceTelemetry _telemetry;
    private readonly BackoffCalculator _backoff;
    private readonly Func<double> _random;
    private readonly int _maxRetries;
    private readonly bool _honorRetryAfter;
    private readonly bool _retryRejected;
    private readonly bool _retryCanceled;
    private readonly Func<Exception, bool>? _shouldRetry;
    private readonly Func<OnRetryArguments, ValueTask>? _onRetry;

    /// <summary>Initializes a new instance of the <see cref="RetryStrategy"/> class.</summary>
    /// <param name="name">The strategy's name, used in logs and metrics.</param>
    /// <param name="options">The options; <see langword="null"/> for the guide's defaults.</param>
    /// <param name="timeProvider">The clock the delays wait on; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names every invalid option.</exception>
    public RetryStrategy(string name, RetryOptions? options = null, TimeProvider? timeProvider = null)
        : this(name, options ?? new RetryOptions(), timeProvider ?? TimeProvider.System, ResilienceTelemetry.None, null)
    {
    }

    internal RetryStrategy(string name, RetryOptions options, TimeProvider timeProvider, ResilienceTelemetry telemetry, Func<double>? random)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.Validate(new RetryOptionsValidator(), name, options);
        Name = name;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _backoff = new BackoffCalculator(options);
        _random = random ?? Random.Shared.NextDouble;
        _maxRetries = options.MaxRetries;
        _honorRetryAfter = options.HonorRetryAfter;
        _retryRejected = options.RetryRejectedExecutions;
        _retryCanceled = options.RetryCanceledOperations;
        _shouldRetry = options.ShouldRetry;
        _onRetry = options.OnRetry;
    }

    /// <summary>Gets the strategy's name.</summary>
    public string Name { get; }

    /// <summary>Gets how many times a failed call is retried.</summary>
    public int MaxRetries => _maxRetries;

    /// <summary>Runs <paramref name="operation"/>, retrying failures, passing <paramref name="state"/> so that no closure is needed.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation, ideally a <see langword="static"/> lambda.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <param name="cancellationToken">The caller's token; it also cancels the waits between attempts.</param>
    /// <returns>The result of the first successful attempt.</returns>
    /// <exception cref="Exception">The last failure, when it is not retried or the retries are used up.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ValueTask<TResult> pending;
        try
        {
            pending = operation(state, cancellationToken);
        }
        catch (Exception ex)
        {
            return RetryAsync(operation, state, default, ex, cancellationToken);
        }

        return pending.IsCompletedSuccessfully ? pending : RetryAsync(operation, state, pending, null, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/>, retrying failures.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The result of the first successful attempt.</returns>
    public ValueTask<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync(static (op, ct) => op(ct), operation, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/>, retrying failures.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>A task that completes when an attempt succeeded.</returns>
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

    /// <summary>Decides whether <paramref name="exception"/>, the failure of attempt <paramref name="attempt"/> (0-based), is retried.</summary>
    internal bool ShouldRetry(Exception exception, int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= _maxRetries || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        switch (exception)
        {
            case OperationCanceledException when !_retryCanceled:
                return false;
            case ExecutionRejectedException and not Timeouts.TimeoutRejectedException when !_retryRejected:
                return false;
        }

        return _shouldRetry?.Invoke(exception) ?? true;
    }

    /// <summary>Computes the wait before retry <paramref name="attempt"/> + 1, reports it, and waits.</summary>
    internal async ValueTask WaitBeforeRetryAsync(Exception exception, int attempt, RetryState retryState, CancellationToken cancellationToken)
    {
        TimeSpan delay = GetDelay(exception, attempt, ref retryState.PreviousTicks);
        _telemetry.Metrics?.RecordRetry(Name, attempt + 1);
        Log.RetryScheduled(_telemetry.Logger, Name, attempt + 1, delay, exception.GetType().Name);
        if (_onRetry is not null)
        {
            await _onRetry(new OnRetryArguments(Name, attempt + 1, delay, exception)).ConfigureAwait(false);
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    internal TimeSpan GetDelay(Exception exception, int attempt, ref double previousTicks)
    {
        if (_honorRetryAfter && exception is IRetryAfterSource { RetryAfter: { } retryAfter } && retryAfter >= TimeSpan.Zero)
        {
            return retryAfter;
        }

        return _backoff.GetDelay(attempt, _random(), ref previousTicks);
    }

    private async ValueTask<TResult> RetryAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> operation,
        TState state,
        ValueTask<TResult> firstAttempt,
        Exception? firstFailure,
        CancellationToken cancellationToken)
    {
        Exception failure;
        if (firstFailure is null)
        {
            try
            {
                return await firstAttempt.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }
        else
        {
            failure = firstFailure;
        }

        var retryState = new RetryState();
        for (int attempt = 0; ; attempt++)
        {
            if (!ShouldRetry(failure, attempt, cancellationToken))
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            await WaitBeforeRetryAsync(failure, attempt, retryState, cancellationToken).ConfigureAwait(false);
            try
            {
                return await operation(state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }
    }

    /// <summary>Per-execution state of decorrelated jitter; allocated only once a call fails.</summary>
    internal sealed class RetryState
    {
        public double PreviousTicks;
    }
}
