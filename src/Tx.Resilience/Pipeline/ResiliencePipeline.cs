using System.Threading.RateLimiting;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Retry;
using Tx.Resilience.Telemetry;
using Tx.Resilience.Timeouts;

namespace Tx.Resilience.Pipeline;

/// <summary>
/// Runs an operation through up to five strategies in a fixed order, outermost first:
/// <b>rate limiter → timeout → retry → circuit breaker → bulkhead → operation</b>.
/// </summary>
/// <remarks>
/// <para>Why this order:</para>
/// <list type="number">
/// <item><description><b>Rate limiter outermost</b>: admission is decided once per caller request, before anything is spent
/// (no timer, no retry budget, no slot); a rejection returns at once with the limiter's retry-after, and internal retries
/// never consume the caller's quota.</description></item>
/// <item><description><b>Timeout around retry</b>: it bounds the whole call, backoff waits included, so a caller never waits
/// longer than the timeout however many retries are left; when it fires, retrying stops.</description></item>
/// <item><description><b>Retry around the breaker</b>: each attempt asks the breaker first (the guide's "circuit breaker before
/// retry"), so an open circuit fails the attempt instantly, and <see cref="BrokenCircuitException"/> is not retried by default:
/// retries cannot hammer a dependency the breaker has given up on. Every attempt's outcome feeds the breaker's statistics.</description></item>
/// <item><description><b>Breaker around the bulkhead</b>: a call rejected by the breaker never occupies or waits for a slot, and a
/// full bulkhead (a local overload) is not counted as a failure of the dependency.</description></item>
/// <item><description><b>Bulkhead innermost</b>: a slot is held only while an attempt actually runs, never during backoff waits,
/// so the pool bounds real concurrency against the dependency.</description></item>
/// </list>
/// <para>A call that succeeds without waiting allocates nothing when the operation is a <see langword="static"/> lambda and
/// its state is passed through the state parameter.</para>
/// </remarks>
public sealed class ResiliencePipeline
{
    private readonly RateLimiter? _rateLimiter;
    private readonly TimeoutStrategy? _timeout;
    private readonly RetryStrategy? _retry;
    private readonly CircuitBreaker? _breaker;
    private readonly Bulkhead? _bulkhead;
    private readonly ResilienceTelemetry _telemetry;

    internal ResiliencePipeline(string name, RateLimiter? rateLimiter, TimeoutStrategy? timeout, RetryStrategy? retry, CircuitBreaker? breaker, Bulkhead? bulkhead, ResilienceTelemetry telemetry)
    {
        Name = name;
        _rateLimiter = rateLimiter;
        _timeout = timeout;
        _retry = retry;
        _breaker = breaker;
        _bulkhead = bulkhead;
        _telemetry = telemetry;
    }

    /// <summary>Gets the pipeline's name.</summary>
    public string Name { get; }

    /// <summary>Gets the pipeline's rate limiter, if any.</summary>
    public RateLimiter? RateLimiter => _rateLimiter;

    /// <summary>Gets the pipeline's timeout, if any.</summary>
    public TimeoutStrategy? Timeout => _timeout;

    /// <summary>Gets the pipeline's retry, if any.</summary>
    public RetryStrategy? Retry => _retry;

    /// <summary>Gets the pipeline's circuit breaker, if any (read its state for health endpoints).</summary>
    public CircuitBreaker? CircuitBreaker => _breaker;

    /// <summary>Gets the pipeline's bulkhead, if any.</summary>
    public Bulkhead? Bulkhead => _bulkhead;

    /// <summary>
    /// Runs <paramref name="operation"/> through the pipeline, passing <paramref name="state"/> so that no closure is needed:
    /// <c>pipeline.ExecuteAsync(static (client, ct) => client.GetAsync(ct), client, ct)</c>.
    /// </summary>
    /// <typeparam name="TResult">The result type; value types are not boxed.</typeparam>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation; it receives a token that the timeout (if any) and the caller cancel.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="RateLimiterRejectedException">The rate limiter refused a permit.</exception>
    /// <exception cref="TimeoutRejectedException">The timeout elapsed.</exception>
    /// <exception cref="BrokenCircuitException">The circuit is open (and retries, if any, did not help).</exception>
    /// <exception cref="BulkheadRejectedException">The bulkhead's queue is full or its queue timeout elapsed.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (_rateLimiter is null && _timeout is null)
        {
            return RunWithRetryAsync(operation, state, cancellationToken, cancellationToken);
        }

        return ExecuteCore(operation, state, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> through the pipeline.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The operation's result.</returns>
    public ValueTask<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync(static (op, ct) => op(ct), operation, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> through the pipeline.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation, ideally a <see langword="static"/> lambda.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>A task that completes with the operation.</returns>
    public async ValueTask ExecuteAsync<TState>(Func<TState, CancellationToken, ValueTask> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await ExecuteAsync(
            static async (s, ct) =>
            {
                await s.Operation(s.State, ct).ConfigureAwait(false);
                return true;
            },
            (Operation: operation, State: state),
            cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<TResult> ExecuteCore<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        RateLimitLease? lease = null;
        if (_rateLimiter is not null)
        {
            lease = _rateLimiter.AttemptAcquire(1);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                return ExecuteAfterLimiterWaitAsync(operation, state, cancellationToken);
            }
        }

        ValueTask<TResult> pending = RunWithTimeout(operation, state, cancellationToken);
        if (lease is null)
        {
            return pending;
        }

        if (pending.IsCompleted)
        {
            lease.Dispose();
            return pending;
        }

        return AwaitAndDisposeAsync(pending, lease);
    }

    private async ValueTask<TResult> ExecuteAfterLimiterWaitAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        RateLimitLease lease = await _rateLimiter!.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan value) ? value : null;
            lease.Dispose();
            _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.RateLimiterKind);
            throw new RateLimiterRejectedException(Name, retryAfter);
        }

        using (lease)
        {
            return await RunWithTimeout(operation, state, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<TResult> AwaitAndDisposeAsync<TResult>(ValueTask<TResult> pending, RateLimitLease lease)
    {
        using (lease)
        {
            return await pending.ConfigureAwait(false);
        }
    }

    private ValueTask<TResult> RunWithTimeout<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        TimeoutStrategy? timeout = _timeout;
        if (timeout is null)
        {
            return RunWithRetryAsync(operation, state, cancellationToken, cancellationToken);
        }

        TimeoutScope scope = timeout.Rent();
        CancellationToken token = scope.Arm(timeout.Timeout, timeout.TimeoutTimestampTicks, cancellationToken);
        ValueTask<TResult> pending = RunWithRetryAsync(operation, state, token, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            timeout.Return(scope);
            return pending;
        }

        return AwaitTimeoutAsync(pending, timeout, scope, cancellationToken);
    }

    private static async ValueTask<TResult> AwaitTimeoutAsync<TResult>(ValueTask<TResult> pending, TimeoutStrategy timeout, TimeoutScope scope, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (scope.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw timeout.CreateTimeout(ex);
        }
        finally
        {
            timeout.Return(scope);
        }
    }

    private ValueTask<TResult> RunWithRetryAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken token, CancellationToken callerToken)
    {
        ValueTask<TResult> first = AttemptAsync(operation, state, token, callerToken);
        if (_retry is null || first.IsCompletedSuccessfully)
        {
            return first;
        }

        return RetryAsync(first, operation, state, token, callerToken);
    }

    private async ValueTask<TResult> RetryAsync<TResult, TState>(ValueTask<TResult> first, Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken token, CancellationToken callerToken)
    {
        RetryStrategy retry = _retry!;
        RetryStrategy.RetryState? retryState = null;
        ValueTask<TResult> attemptTask = first;
        for (int attempt = 0; ; attempt++)
        {
            Exception failure;
            try
            {
                return await attemptTask.ConfigureAwait(false);
            }
            catch (Exception ex) when (retry.ShouldRetry(ex, attempt, token))
            {
                failure = ex;
            }

            retryState ??= new RetryStrategy.RetryState();
            await retry.WaitBeforeRetryAsync(failure, attempt, retryState, token).ConfigureAwait(false);
            attemptTask = AttemptAsync(operation, state, token, callerToken);
        }
    }

    private ValueTask<TResult> AttemptAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken token, CancellationToken callerToken)
    {
        CircuitBreakerPermit permit = default;
        CircuitBreaker? breaker = _breaker;
        if (breaker is not null && !breaker.TryAcquire(out permit))
        {
            return ValueTask.FromException<TResult>(breaker.CreateRejection(permit));
        }

        if (_bulkhead is not null)
        {
            ValueTask<BulkheadLease> acquire = _bulkhead.AcquireAsync(token);
            if (!acquire.IsCompletedSuccessfully)
            {
                return AttemptAfterBulkheadWaitAsync(acquire, permit, operation, state, token, callerToken);
            }
        }

        ValueTask<TResult> pending;
        try
        {
            pending = operation(state, token);
        }
        catch (Exception ex)
        {
            EndAttempt(permit, ex, callerToken);
            return ValueTask.FromException<TResult>(ex);
        }

        if (pending.IsCompletedSuccessfully)
        {
            TResult result = pending.Result;
            EndAttempt(permit, null, callerToken);
            return new ValueTask<TResult>(result);
        }

        return AwaitAttemptAsync(pending, permit, callerToken);
    }

    private async ValueTask<TResult> AttemptAfterBulkheadWaitAsync<TResult, TState>(ValueTask<BulkheadLease> acquire, CircuitBreakerPermit permit, Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            await acquire.ConfigureAwait(false);
        }
        catch
        {
            // The call never reached the dependency: release a half-open probe without counting anything.
            if (_breaker is not null)
            {
                _breaker.RecordIgnored(permit);
            }

            throw;
        }

        TResult result;
        try
        {
            result = await operation(state, token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            EndAttempt(permit, ex, callerToken);
            throw;
        }

        EndAttempt(permit, null, callerToken);
        return result;
    }

    private async ValueTask<TResult> AwaitAttemptAsync<TResult>(ValueTask<TResult> pending, CircuitBreakerPermit permit, CancellationToken callerToken)
    {
        TResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            EndAttempt(permit, ex, callerToken);
            throw;
        }

        EndAttempt(permit, null, callerToken);
        return result;
    }

    private void EndAttempt(in CircuitBreakerPermit permit, Exception? failure, CancellationToken callerToken)
    {
        _bulkhead?.Release(failed: failure is not null);
        if (_breaker is null)
        {
            return;
        }

        if (failure is null)
        {
            _breaker.RecordSuccess(permit);
        }
        else
        {
            _breaker.Record(permit, _breaker.Classify(failure, callerToken));
        }
    }
}
