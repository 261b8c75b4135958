namespace Tx.Resilience.CircuitBreaking;

public sealed partial class CircuitBreaker
{
    /// <summary>Runs <paramref name="operation"/> through the breaker, passing <paramref name="state"/> so that no closure is needed.</summary>
    /// <typeparam name="TResult">The result type; value types are not boxed.</typeparam>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation, ideally a <see langword="static"/> lambda.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <param name="cancellationToken">The caller's token, passed to <paramref name="operation"/>.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="BrokenCircuitException">The circuit is open (or out of half-open probes); carries <see cref="ExecutionRejectedException.RetryAfter"/>.</exception>
    /// <exception cref="IsolatedCircuitException">The circuit is isolated.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!TryAcquire(out CircuitBreakerPermit permit))
        {
            return ValueTask.FromException<TResult>(CreateRejection(permit));
        }

        ValueTask<TResult> pending;
        try
        {
            pending = operation(state, cancellationToken);
        }
        catch (Exception ex)
        {
            Record(permit, Classify(ex, cancellationToken));
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            TResult result = pending.Result;
            RecordSuccess(permit);
            return new ValueTask<TResult>(result);
        }

        return AwaitAsync(pending, permit, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> through the breaker.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">The caller's token, passed to <paramref name="operation"/>.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="BrokenCircuitException">The circuit is open, isolated or out of half-open probes.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync(static (op, ct) => op(ct), operation, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> through the breaker.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">The caller's token, passed to <paramref name="operation"/>.</param>
    /// <returns>A task that completes with the operation.</returns>
    /// <exception cref="BrokenCircuitException">The circuit is open, isolated or out of half-open probes.</exception>
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

    /// <summary>
    /// Runs <paramref name="operation"/> unless the circuit rejects the call; a rejection is returned, not thrown, so the
    /// rejected path costs no exception and no allocation. Exceptions of the operation itself still propagate.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation, ideally a <see langword="static"/> lambda.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The result, or a rejection with its retry-after.</returns>
    public ValueTask<CircuitBreakerResult<TResult>> TryExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!TryAcquire(out CircuitBreakerPermit permit))
        {
            return new ValueTask<CircuitBreakerResult<TResult>>(new CircuitBreakerResult<TResult>(permit.RetryAfter));
        }

        ValueTask<TResult> pending;
        try
        {
            pending = operation(state, cancellationToken);
        }
        catch (Exception ex)
        {
            Record(permit, Classify(ex, cancellationToken));
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            TResult result = pending.Result;
            RecordSuccess(permit);
            return new ValueTask<CircuitBreakerResult<TResult>>(new CircuitBreakerResult<TResult>(result));
        }

        return AwaitResultAsync(pending, permit, cancellationToken);
    }

    /// <summary>Runs a synchronous <paramref name="operation"/> through the breaker.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation, ideally a <see langword="static"/> lambda.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="BrokenCircuitException">The circuit is open, isolated or out of half-open probes.</exception>
    public TResult Execute<TResult, TState>(Func<TState, TResult> operation, TState state)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!TryAcquire(out CircuitBreakerPermit permit))
        {
            throw CreateRejection(permit);
        }

        TResult result;
        try
        {
            result = operation(state);
        }
        catch (Exception ex)
        {
            Record(permit, Classify(ex, CancellationToken.None));
            throw;
        }

        RecordSuccess(permit);
        return result;
    }

    /// <summary>Runs a synchronous <paramref name="operation"/> through the breaker.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="BrokenCircuitException">The circuit is open, isolated or out of half-open probes.</exception>
    public TResult Execute<TResult>(Func<TResult> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Execute(static op => op(), operation);
    }

    /// <summary>Runs a synchronous <paramref name="operation"/> through the breaker.</summary>
    /// <param name="operation">The operation.</param>
    /// <exception cref="BrokenCircuitException">The circuit is open, isolated or out of half-open probes.</exception>
    public void Execute(Action operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Execute(
            static op =>
            {
                op();
                return true;
            },
            operation);
    }

    internal BrokenCircuitException CreateRejection(in CircuitBreakerPermit permit) => permit.State == CircuitState.Isolated
        ? new IsolatedCircuitException { StrategyName = Name }
        : new BrokenCircuitException($"The circuit '{Name}' is {permit.State.ToWireName()}; the call was not made.", permit.RetryAfter) { StrategyName = Name };

    private async ValueTask<TResult> AwaitAsync<TResult>(ValueTask<TResult> pending, CircuitBreakerPermit permit, CancellationToken cancellationToken)
    {
        TResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Record(permit, Classify(ex, cancellationToken));
            throw;
        }

        RecordSuccess(permit);
        return result;
    }

    private async ValueTask<CircuitBreakerResult<TResult>> AwaitResultAsync<TResult>(ValueTask<TResult> pending, CircuitBreakerPermit permit, CancellationToken cancellationToken)
    {
        TResult result = await AwaitAsync(pending, permit, cancellationToken).ConfigureAwait(false);
        return new CircuitBreakerResult<TResult>(result);
    }
}
