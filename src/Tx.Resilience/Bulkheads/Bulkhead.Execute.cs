namespace Tx.Resilience.Bulkheads;

public sealed partial class Bulkhead
{
    /// <summary>Runs <paramref name="operation"/> inside a slot, passing <paramref name="state"/> so that no closure is needed.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="operation">The operation, ideally a <see langword="static"/> lambda.</param>
    /// <param name="state">The state passed to <paramref name="operation"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for a slot; passed to <paramref name="operation"/>.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="BulkheadRejectedException">The queue is full, or the wait exceeded the queue timeout.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ValueTask<BulkheadLease> acquire = AcquireAsync(cancellationToken);
        if (!acquire.IsCompletedSuccessfully)
        {
            return ExecuteAfterWaitAsync(acquire, operation, state, cancellationToken);
        }

        ValueTask<TResult> pending;
        try
        {
            pending = operation(state, cancellationToken);
        }
        catch
        {
            Release(failed: true);
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            TResult result = pending.Result;
            Release(failed: false);
            return new ValueTask<TResult>(result);
        }

        return AwaitAndReleaseAsync(pending);
    }

    /// <summary>Runs <paramref name="operation"/> inside a slot.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">Cancels the wait for a slot; passed to <paramref name="operation"/>.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="BulkheadRejectedException">The queue is full, or the wait exceeded the queue timeout.</exception>
    public ValueTask<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync(static (op, ct) => op(ct), operation, cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> inside a slot.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">Cancels the wait for a slot; passed to <paramref name="operation"/>.</param>
    /// <returns>A task that completes with the operation.</returns>
    /// <exception cref="BulkheadRejectedException">The queue is full, or the wait exceeded the queue timeout.</exception>
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

    private async ValueTask<TResult> ExecuteAfterWaitAsync<TResult, TState>(ValueTask<BulkheadLease> acquire, Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        await acquire.ConfigureAwait(false);
        bool failed = true;
        try
        {
            TResult result = await operation(state, cancellationToken).ConfigureAwait(false);
            failed = false;
            return result;
        }
        finally
        {
            Release(failed);
        }
    }

    private async ValueTask<TResult> AwaitAndReleaseAsync<TResult>(ValueTask<TResult> pending)
    {
        bool failed = true;
        try
        {
            TResult result = await pending.ConfigureAwait(false);
            failed = false;
            return result;
        }
        finally
        {
            Release(failed);
        }
    }
}
