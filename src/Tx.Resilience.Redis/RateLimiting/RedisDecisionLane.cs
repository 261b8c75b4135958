namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// Coalesces concurrent asynchronous decisions: while one script call of the lane is in flight, further decisions
/// queue; when it returns, everything queued (up to <see cref="MaxBatch"/>) goes as ONE script call that decides
/// them in arrival order on the server's clock. A lone decision is sent at once, so an idle lane adds no latency.
/// </summary>
internal sealed class RedisDecisionLane
{
    /// <summary>The most decisions one script call carries.</summary>
    public const int MaxBatch = 128;

    private readonly Func<List<PendingRedisDecision>, Task> _decide;
    private readonly Action<RedisDecisionLane>? _idle;
    private readonly Lock _gate = new();
    private readonly Queue<PendingRedisDecision> _queue = new();
    private readonly List<PendingRedisDecision> _batch = [];
    private bool _inFlight;

    /// <param name="decide">Decides a batch and completes every member; never throws.</param>
    /// <param name="idle">Called (under the lane's lock) when the lane has nothing in flight and nothing queued.</param>
    /// <param name="key">The partition key of a per-key lane.</param>
    public RedisDecisionLane(Func<List<PendingRedisDecision>, Task> decide, Action<RedisDecisionLane>? idle = null, string? key = null)
    {
        _decide = decide;
        _idle = idle;
        Key = key;
    }

    public string? Key { get; }

    public void Enqueue(PendingRedisDecision decision)
    {
        lock (_gate)
        {
            if (_inFlight)
            {
                _queue.Enqueue(decision);
                return;
            }

            _inFlight = true;
        }

        if (decision.TryTake())
        {
            _batch.Add(decision);
        }

        _ = PumpAsync();
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            if (_batch.Count > 0)
            {
                await _decide(_batch).ConfigureAwait(false);
                _batch.Clear();
            }

            lock (_gate)
            {
                while (_batch.Count < MaxBatch && _queue.TryDequeue(out PendingRedisDecision? next))
                {
                    if (next.TryTake())
                    {
                        _batch.Add(next);
                    }
                }

                if (_batch.Count == 0)
                {
                    _inFlight = false;
                    _idle?.Invoke(this);
                    return;
                }
            }
        }
    }
}
