using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.Redis.Embedded;
using Tx.Resilience.Redis.Protocol;
using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.Telemetry;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// A distributed sliding-window limiter per key (for example per client IP) on Redis: one Lua script call decides,
/// timed by the server's clock, so every instance of a service shares one exact limit. Concurrent asynchronous
/// decisions that arrive while a call is in flight share the next call (<see cref="RedisRateLimiterOptions.Batching"/>),
/// which applies them one by one in arrival order. While Redis is
/// failing, a circuit breaker stops requests from paying the timeout and <see cref="RedisRateLimiterOptions.FailurePolicy"/>
/// decides; the breaker probes Redis again by itself.
/// </summary>
public sealed class RedisPartitionedRateLimiter : PartitionedRateLimiter<string>
{
    private readonly RedisWindowScript _script;
    private readonly CircuitBreaker _breaker;
    private readonly PartitionedSlidingWindowRateLimiter<string>? _fallback;
    private readonly RedisRejectionCache? _rejections;
    private readonly RedisRateLimiterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RedisRateLimitingMetrics? _metrics;
    private readonly string _name;
    private readonly IConnectionMultiplexer? _connection;
    private readonly RedisDecisionLane _sharedLane;
    private readonly ConcurrentDictionary<string, RedisDecisionLane>? _keyLanes;
    private readonly Func<List<PendingRedisDecision>, Task> _decideBatch;
    private readonly IDisposable? _ownedExecutor;
    private RedisDecisionLane?[]? _slotLanes;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="RedisPartitionedRateLimiter"/> class.</summary>
    /// <param name="connection">The Redis (or Garnet) connection; shared, not disposed by the limiter.</param>
    /// <param name="options">The window, keys and failure policy.</param>
    /// <param name="timeProvider">The clock for timeouts, the breaker and the fallback; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs Redis failures and breaker changes; nothing is logged when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid; the message names every invalid option.</exception>
    public RedisPartitionedRateLimiter(
        IConnectionMultiplexer connection,
        RedisRateLimiterOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(connection, options, timeProvider, loggerFactory, null, null)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="RedisPartitionedRateLimiter"/> class that decides in process on an
    /// embedded Garnet server: the same script, on the same server clock, run on a Garnet session directly with no
    /// socket between them. Other clients (other limiters over TCP) share the same keys and limits.
    /// </summary>
    /// <param name="server">The embedded Garnet server; not disposed by the limiter.</param>
    /// <param name="options">The window, keys and failure policy.</param>
    /// <param name="timeProvider">The clock for timeouts, the breaker and the fallback; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs Redis failures and breaker changes; nothing is logged when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="server"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid; the message names every invalid option.</exception>
    public RedisPartitionedRateLimiter(
        EmbeddedGarnetServer server,
        RedisRateLimiterOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(null, (server ?? throw new ArgumentNullException(nameof(server))).ScriptExecutor, options, timeProvider, loggerFactory, null, null)
    {
    }

    internal RedisPartitionedRateLimiter(
        IConnectionMultiplexer connection,
        RedisRateLimiterOptions options,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        RedisRateLimitingMetrics? metrics,
        string? name)
        : this(connection ?? throw new ArgumentNullException(nameof(connection)), null, options, timeProvider, loggerFactory, metrics, name)
    {
    }

    // connection: null when executor runs in process (no hash slots); executor: the connection's database when null.
    internal RedisPartitionedRateLimiter(
        IConnectionMultiplexer? connection,
        IRedisScriptExecutor? executor,
        RedisRateLimiterOptions options,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        RedisRateLimitingMetrics? metrics,
        string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name ?? "redis";
        ValidateOptions(options, _name);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger<RedisPartitionedRateLimiter>() ?? (ILogger)NullLogger.Instance;
        _metrics = metrics;
        _connection = connection;
        executor ??= CreateExecutor(connection!, options, _timeProvider, out _ownedExecutor);
        _script = new RedisWindowScript(executor, options);
        _decideBatch = DecideBatchAsync;
        if (options.RejectionCacheMaxKeys > 0)
        {
            _rejections = new RedisRejectionCache(_timeProvider, options.RejectionCacheMaxKeys, options.PermitLimit);
        }

        _sharedLane = new RedisDecisionLane(_decideBatch, maxInFlight: options.MaxCallsInFlight);
        if (options.Batching == RedisDecisionBatching.PerKey)
        {
            _keyLanes = new ConcurrentDictionary<string, RedisDecisionLane>(StringComparer.Ordinal);
        }

        _script.Reloaded += () =>
        {
            Log.ScriptReloaded(_logger, _name);
            _metrics?.ScriptReloaded(_name);
        };
        _breaker = new CircuitBreaker(
            $"redis-rate-limiter:{_name}",
            new CircuitBreakerOptions
            {
                Mode = CircuitBreakerMode.ConsecutiveFailures,
                ConsecutiveFailureThreshold = options.BreakerFailureThreshold,
                BreakDuration = options.BreakerBreakDuration,
                PermittedHalfOpenProbes = 1,
            },
            _timeProvider);
        _breaker.StateChanged += OnBreakerStateChanged;
        if (options.FailurePolicy == RedisFailurePolicy.FallBackToInMemory)
        {
            _fallback = new PartitionedSlidingWindowRateLimiter<string>(
                new PartitionedSlidingWindowLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    Algorithm = options.Algorithm,
                    MaxTrackedKeys = options.FallbackMaxTrackedKeys,
                },
                _timeProvider,
                StringComparer.Ordinal);
        }
    }

    /// <summary>Gets the permit limit of every key's window.</summary>
    public int PermitLimit => _options.PermitLimit;

    /// <summary>Gets the state of the circuit to Redis: <see cref="CircuitState.Closed"/> while Redis decides.</summary>
    public CircuitState RedisCircuitState => _breaker.State;

    /// <summary>Gets how many times the script was sent again because the server had lost it (NOSCRIPT).</summary>
    public long ScriptReloads => _script.Reloads;

    /// <summary>Gets how many script calls were made; with batching, fewer than the decisions.</summary>
    internal long ScriptCalls => _script.Calls;

    /// <summary>Gets how many per-key queues exist (<see cref="RedisDecisionBatching.PerKey"/>): only keys with a call in flight.</summary>
    internal int KeyLaneCount => _keyLanes?.Count ?? 0;

    /// <summary>Gets how many rejected keys are remembered (<see cref="RedisRateLimiterOptions.RejectionCacheMaxKeys"/>).</summary>
    internal int RememberedRejections => _rejections?.Count ?? 0;

    /// <summary>Decides synchronously (one blocking round trip; the connection's SyncTimeout applies).</summary>
    /// <param name="key">The partition key, for example the client IP.</param>
    /// <param name="permitCount">The permits wanted (the request's cost); zero only asks whether a permit is available.</param>
    /// <returns>The decision with remaining permits, reset time and retry-after.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above the permit limit.</exception>
    public RateLimitDecision Decide(string key, int permitCount = 1)
    {
        Validate(key, permitCount);
        if (TryRejectLocally(key, permitCount, out RateLimitDecision remembered))
        {
            return remembered;
        }

        if (!_breaker.TryAcquire(out CircuitBreakerPermit permit))
        {
            return Unavailable(key, permitCount, RedisRateLimitingConstants.BreakerOpen, permit.RetryAfter);
        }

        try
        {
            long sentAt = _timeProvider.GetTimestamp();
            RedisWindowResult result = _script.Evaluate(key, permitCount);
            _breaker.RecordSuccess(permit);
            return FromRedis(result, key, permitCount, sentAt);
        }
        catch (Exception exception) when (IsRedisFailure(exception, default))
        {
            return OnFailure(key, permitCount, permit, exception);
        }
        catch
        {
            _breaker.RecordIgnored(permit);
            throw;
        }
    }

    /// <summary>
    /// Decides asynchronously; a script call that takes longer than <see cref="RedisRateLimiterOptions.OperationTimeout"/>
    /// counts as a Redis failure. While another call is in flight the decision queues and shares the next call
    /// (<see cref="RedisRateLimiterOptions.Batching"/>), so it may wait for the call ahead of it too.
    /// </summary>
    /// <param name="key">The partition key, for example the client IP.</param>
    /// <param name="permitCount">The permits wanted (the request's cost); zero only asks whether a permit is available.</param>
    /// <param name="cancellationToken">Cancels the wait; a decision cancelled before it was sent takes no permit.</param>
    /// <returns>The decision with remaining permits, reset time and retry-after.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above the permit limit.</exception>
    public ValueTask<RateLimitDecision> DecideAsync(string key, int permitCount = 1, CancellationToken cancellationToken = default)
    {
        Validate(key, permitCount);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitDecision>(cancellationToken);
        }

        if (TryRejectLocally(key, permitCount, out RateLimitDecision remembered))
        {
            return new ValueTask<RateLimitDecision>(remembered);
        }

        // Batch only while the circuit is closed: an open or half-open circuit decides (or probes) one by one.
        RedisDecisionLane? lane = _options.Batching == RedisDecisionBatching.None || _breaker.State != CircuitState.Closed
            ? null
            : LaneFor(key);
        if (lane is null)
        {
            return DecideOneAsync(null, key, permitCount, cancellationToken);
        }

        // Nothing in flight: send it straight away, as the caller's own call.
        if (lane.TryEnter())
        {
            return DecideOneAsync(lane, key, permitCount, cancellationToken);
        }

        var pending = new PendingRedisDecision(key, permitCount);
        pending.RegisterCancellation(cancellationToken);
        lane.Enqueue(pending);
        return pending.AsValueTask();
    }

    /// <inheritdoc />
    /// <remarks>Statistics live in Redis and are shared by every instance; this limiter reports none.</remarks>
    public override RateLimiterStatistics? GetStatistics(string resource) => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount) =>
        new RateLimitDecisionLease(Decide(resource, permitCount));

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
        new RateLimitDecisionLease(await DecideAsync(resource, permitCount, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _breaker.StateChanged -= OnBreakerStateChanged;
            _fallback?.Dispose();
            _ownedExecutor?.Dispose();
        }
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Decides a batch in one script call and completes every member; never throws.</summary>
    internal async Task DecideBatchAsync(List<PendingRedisDecision> batch)
    {
        if (!_breaker.TryAcquire(out CircuitBreakerPermit permit))
        {
            foreach (PendingRedisDecision decision in batch)
            {
                decision.SetResult(Unavailable(decision.Key, decision.Cost, RedisRateLimitingConstants.BreakerOpen, permit.RetryAfter));
            }

            return;
        }

        RedisResult result;
        long sentAt = _timeProvider.GetTimestamp();
        try
        {
            result = await _script.EvaluateBatchAsync(batch)
                .WaitAsync(_options.OperationTimeout, _timeProvider)
                .ConfigureAwait(false);
            _breaker.RecordSuccess(permit);
        }
        catch (Exception exception) when (IsRedisFailure(exception, default))
        {
            // One failed call: the breaker and the log see it once; the policy decides for every member.
            string errorType = RecordFailure(permit, exception);
            foreach (PendingRedisDecision decision in batch)
            {
                decision.SetResult(Unavailable(decision.Key, decision.Cost, errorType, null));
            }

            return;
        }
#pragma warning disable CA1031 // Anything else is handed to every waiting caller, not lost in the lane.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _breaker.RecordIgnored(permit);
            foreach (PendingRedisDecision decision in batch)
            {
                decision.SetException(exception);
            }

            return;
        }

        for (int i = 0; i < batch.Count; i++)
        {
            PendingRedisDecision decision = batch[i];
            decision.SetResult(FromRedis(RedisWindowScript.Read(result, i), decision.Key, decision.Cost, sentAt));
        }
    }

    // A lone decision (no lane, or a lane with nothing in flight) is one async method around the client's call: the
    // client hands its answer to the thread pool once and nothing here adds a hand-off or a further state machine. A slot
    // taken in the lane is given back when it is done, and whatever queued meanwhile goes as the next call.
    private async ValueTask<RateLimitDecision> DecideOneAsync(RedisDecisionLane? lane, string key, int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            if (!_breaker.TryAcquire(out CircuitBreakerPermit permit))
            {
                return Unavailable(key, permitCount, RedisRateLimitingConstants.BreakerOpen, permit.RetryAfter);
            }

            try
            {
                long sentAt = _timeProvider.GetTimestamp();
                RedisResult result = await _script.EvaluateOneAsync(key, permitCount, cancellationToken)
                    .WaitAsync(_options.OperationTimeout, _timeProvider, cancellationToken)
                    .ConfigureAwait(false);
                _breaker.RecordSuccess(permit);
                return FromRedis(RedisWindowScript.Read(result, 0), key, permitCount, sentAt);
            }
            catch (Exception exception) when (IsRedisFailure(exception, cancellationToken))
            {
                return OnFailure(key, permitCount, permit, exception);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller gave up: nothing was learnt about Redis (a half-open probe slot is released).
                _breaker.RecordIgnored(permit);
                throw;
            }
            catch
            {
                // Not a Redis failure (a bug, a malformed reply): surfaces to the caller, and a half-open probe slot is
                // released rather than held for good.
                _breaker.RecordIgnored(permit);
                throw;
            }
        }
        finally
        {
            lane?.Exit();
        }
    }

    // The direct transport when the connection's server allows it (one standalone server, no TLS); else the connection.
    private static IRedisScriptExecutor CreateExecutor(
        IConnectionMultiplexer connection, RedisRateLimiterOptions options, TimeProvider timeProvider, out IDisposable? owned)
    {
        owned = null;
        if (options.Transport == RedisTransport.Direct && RespServerAddress.From(connection) is { } address)
        {
            // Lone decisions on the limiter's own socket; batches (concurrency) through the multiplexer, which pipelines.
            var direct = new RespScriptExecutor(address, options.OperationTimeout, timeProvider, new DatabaseScriptExecutor(connection.GetDatabase()));
            owned = direct;
            return direct;
        }

        return new DatabaseScriptExecutor(connection.GetDatabase());
    }

    private RedisDecisionLane LaneFor(string key)
    {
        if (_keyLanes is not null)
        {
            return _keyLanes.GetOrAdd(
                key,
                static (k, self) => new RedisDecisionLane(self._decideBatch, self.OnKeyLaneIdle, k, self._options.MaxCallsInFlight),
                this);
        }

        // Standalone servers (and Garnet, in process too) have no slots: one lane for every key.
        int slot = _connection?.HashSlot(_script.Key(key)) ?? -1;
        if (slot < 0)
        {
            return _sharedLane;
        }

        RedisDecisionLane?[] lanes = Volatile.Read(ref _slotLanes)
            ?? Interlocked.CompareExchange(ref _slotLanes, new RedisDecisionLane?[16384], null)
            ?? _slotLanes!;
        return Volatile.Read(ref lanes[slot])
            ?? Interlocked.CompareExchange(ref lanes[slot], new RedisDecisionLane(_decideBatch, maxInFlight: _options.MaxCallsInFlight), null)
            ?? lanes[slot]!;
    }

    // A per-key lane leaves the map when idle, so the map holds only keys with decisions in flight.
    private void OnKeyLaneIdle(RedisDecisionLane lane) =>
        _keyLanes!.TryRemove(new KeyValuePair<string, RedisDecisionLane>(lane.Key!, lane));

    private static void ValidateOptions(RedisRateLimiterOptions options, string name)
    {
        Microsoft.Extensions.Options.ValidateOptionsResult result = new RedisRateLimiterOptionsValidator().Validate(name, options);
        if (result.Failed)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(name, typeof(RedisRateLimiterOptions), result.Failures);
        }
    }

    private static bool IsRedisFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        RedisException or TimeoutException => true,
        _ => false,
    };

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    private void Validate(string key, int permitCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)permitCount > (uint)_options.PermitLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(permitCount),
                permitCount,
                $"The permit count (cost) must be between 0 and the permit limit ({_options.PermitLimit}); a request that costs more could never be granted.");
        }
    }

    // A rejection remembered from an earlier answer of the server decides without a round trip.
    private bool TryRejectLocally(string key, int permitCount, out RateLimitDecision decision)
    {
        if (_rejections is not null && _rejections.TryReject(key, permitCount, out decision))
        {
            _metrics?.Decision(_name, false, RedisRateLimitingConstants.SourceRejectionCache);
            return true;
        }

        decision = default;
        return false;
    }

    private RateLimitDecision FromRedis(in RedisWindowResult result, string key, int permitCount, long sentAt)
    {
        _rejections?.Record(key, permitCount, sentAt, result);
        _metrics?.Decision(_name, result.Allowed, RedisRateLimitingConstants.SourceRedis);
        return new RateLimitDecision(
            result.Allowed,
            _options.PermitLimit,
            result.Remaining,
            FromMicros(result.ResetMicros),
            TimeSpan.FromTicks(result.RetryAfterMicros * 10));
    }

    private RateLimitDecision OnFailure(string key, int permitCount, in CircuitBreakerPermit permit, Exception exception) =>
        Unavailable(key, permitCount, RecordFailure(permit, exception), null);

    private string RecordFailure(in CircuitBreakerPermit permit, Exception exception)
    {
        _breaker.RecordFailure(permit);
        string errorType = exception.GetType().Name;
        _metrics?.Failure(_name, errorType);
        Log.RedisFailed(_logger, _name, errorType, _options.FailurePolicy, exception);
        return errorType;
    }

    private RateLimitDecision Unavailable(string key, int permitCount, string reason, TimeSpan? breakerRetryAfter)
    {
        if (reason == RedisRateLimitingConstants.BreakerOpen)
        {
            _metrics?.Failure(_name, reason);
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        RateLimitDecision decision;
        string source;
        switch (_options.FailurePolicy)
        {
            case RedisFailurePolicy.FailOpen:
                decision = new RateLimitDecision(true, _options.PermitLimit, _options.PermitLimit - permitCount, now, TimeSpan.Zero);
                source = RedisRateLimitingConstants.SourceFailOpen;
                break;
            case RedisFailurePolicy.FailClosed:
                TimeSpan retryAfter = breakerRetryAfter ?? _options.BreakerBreakDuration;
                decision = new RateLimitDecision(false, _options.PermitLimit, 0, now + retryAfter, retryAfter);
                source = RedisRateLimitingConstants.SourceFailClosed;
                break;
            default:
                decision = _fallback!.TryAcquire(key, permitCount);
                source = RedisRateLimitingConstants.SourceFallback;
                break;
        }

        _metrics?.Decision(_name, decision.IsAllowed, source);
        return decision;
    }

    private void OnBreakerStateChanged(object? sender, OnCircuitStateChangedArguments args)
    {
        if (args.NewState == CircuitState.Open)
        {
            Log.CircuitOpened(_logger, _name, args.BreakDuration, _options.FailurePolicy);
        }
        else if (args.NewState == CircuitState.Closed)
        {
            Log.CircuitClosed(_logger, _name);
        }
    }
}
