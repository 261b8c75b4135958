namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// Coalesces concurrent asynchronous decisions: while the lane's script call is in flight (at most <c>maxInFlight</c>
/// calls; one by default — measured on Debian Redis, a second call in flight made batches smaller and cost more client
/// and server CPU per decision than it saved), further decisions queue; when a call returns, everything queued (up to
/// <see cref="MaxBatch"/>) goes as ONE script call that decides them in arrival order on the server's clock. A decision
/// that finds a free slot is sent at once, so an idle lane adds no latency.
/// </summary>
internal sealed class RedisDecisionLane
{
    /// <summary>The most decisions one script call carries.</summary>
    public const int MaxBatch = 128;

    /// <summary>The default number of script calls a lane keeps in flight.</summary>
    public const int DefaultMaxInFlight = 1;

    private readonly Func<List<PendingRedisDecision>, Task> _decide;
    private readonly Action<RedisDecisionLane>? _idle;
    private readonly int _maxInFlight;
    private readonly Lock _gate = new();
    private readonly Queue<PendingRedisDecision> _queue = new();
    private int _inFlight;

    /// <param name="decide">Decides a batch and completes every member; never throws.</param>
    /// <param name="idle">Called (under the lane's lock) when the lane has nothing in flight and nothing queued.</param>
    /// <param name="key">The partition key of a per-key lane.</param>
    /// <param name="maxInFlight">The most script calls in flight at once.</param>
    public RedisDecisionLane(
        Func<List<PendingRedisDecision>, Task> decide,
        Action<RedisDecisionLane>? idle = null,
        string? key = null,
        int maxInFlight = DefaultMaxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _decide = decide;
        _idle = idle;
        _maxInFlight = maxInFlight;
        Key = key;
    }

    public string? Key { get; }

    /// <summary>
    /// Takes a free slot for a lone decision that its caller sends itself (no queue hand-off, so an idle lane costs
    /// nothing); <see langword="false"/> when a call is in flight or decisions are queued — then
    /// <see cref="Enqueue"/>. A taken slot is given back with <see cref="Exit"/>.
    /// </summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_inFlight >= _maxInFlight || _queue.Count > 0)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    /// <summary>Gives back a slot taken with <see cref="TryEnter"/>: what queued meanwhile goes as the next call.</summary>
    public void Exit()
    {
        var batch = new List<PendingRedisDecision>();
        if (TakeQueuedOrLeave(batch))
        {
            // Inline: the batch's call is sent at once from this thread (no hop to the pool); the pump yields when the
            // call is in flight (the direct transport always awaits the socket for a batch).
            _ = PumpAsync(batch);
        }
    }

    public void Enqueue(PendingRedisDecision decision)
    {
        lock (_gate)
        {
            // Queued decisions go first (a running call picks them up), so arrival order is kept.
            if (_inFlight >= _maxInFlight || _queue.Count > 0)
            {
                _queue.Enqueue(decision);
                return;
            }

            _inFlight++;
        }

        var batch = new List<PendingRedisDecision>();
        if (decision.TryTake())
        {
            batch.Add(decision);
        }

        _ = PumpAsync(batch);
    }

    private async Task PumpAsync(List<PendingRedisDecision> batch)
    {
        while (true)
        {
            if (batch.Count > 0)
            {
                await _decide(batch).ConfigureAwait(false);
                batch.Clear();

                // One pool turn before taking the next batch: the batch's callers, whose continuations were just queued,
                // run first, and the decisions they make at once join the next call instead of a third one.
                await Task.Yield();
            }

            if (!TakeQueuedOrLeave(batch))
            {
                return;
            }
        }
    }

    // Fills the batch from the queue; when nothing is queued, gives the slot back and returns false.
    private bool TakeQueuedOrLeave(List<PendingRedisDecision> batch)
    {
        lock (_gate)
        {
            while (batch.Count < MaxBatch && _queue.TryDequeue(out PendingRedisDecision? next))
            {
                if (next.TryTake())
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                return true;
            }

            if (--_inFlight == 0)
            {
                _idle?.Invoke(this);
            }

            return false;
        }
    }
}
