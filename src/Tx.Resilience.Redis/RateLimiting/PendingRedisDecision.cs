using System.Threading.Tasks.Sources;
using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// One asynchronous decision waiting in a <see cref="RedisDecisionLane"/>: queued, then taken into a batch, then
/// completed exactly once — by the batch's result, by the failure policy, or by its caller's cancellation (a
/// decision cancelled while queued is never sent). Continuations run on the thread pool, never inline on the
/// thread that read the batch's answer.
/// </summary>
internal sealed class PendingRedisDecision : IValueTaskSource<RateLimitDecision>
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Completed = 2;

    private ManualResetValueTaskSourceCore<RateLimitDecision> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;
    private int _state;

    public PendingRedisDecision(string key, int cost)
    {
        Key = key;
        Cost = cost;
    }

    public string Key { get; }

    public int Cost { get; }

    public bool IsCompleted => Volatile.Read(ref _state) == Completed;

    public ValueTask<RateLimitDecision> AsValueTask() => new(this, _core.Version);

    /// <summary>Completes the decision as cancelled when <paramref name="cancellationToken"/> fires before its answer.</summary>
    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingRedisDecision)state!).Cancel(token), this);
        }
    }

    /// <summary>Takes a queued decision into a batch; <see langword="false"/> when it was cancelled meanwhile.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public void SetResult(RateLimitDecision decision)
    {
        if (Interlocked.Exchange(ref _state, Completed) != Completed)
        {
            _registration.Dispose();
            _core.SetResult(decision);
        }
    }

    public void SetException(Exception exception)
    {
        if (Interlocked.Exchange(ref _state, Completed) != Completed)
        {
            _registration.Dispose();
            _core.SetException(exception);
        }
    }

    public RateLimitDecision GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, Completed) != Completed)
        {
            _core.SetException(new OperationCanceledException(cancellationToken));
        }
    }
}
