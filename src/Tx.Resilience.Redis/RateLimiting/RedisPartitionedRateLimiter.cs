using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tx.Resilience.CircuitBreaking;
using Tx.Resilience.RateLimiting;
using Tx.Resilience.Redis.Telemetry;

namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// A distributed sliding-window limiter per key (for example per client IP) on Redis: one Lua script call per
/// decision, timed by the server's clock, so every instance of a service shares one exact limit. While Redis is
/// failing, a circuit breaker stops requests from paying the timeout and <see cref="RedisRateLimiterOptions.FailurePolicy"/>
/// decides; the breaker probes Redis again by itself.
/// </summary>
public sealed class RedisPartitionedRateLimiter : PartitionedRateLimiter<string>
{
    private readonly RedisWindowScript _script;
    private readonly CircuitBreaker _breaker;
    private readonly PartitionedSlidingWindowRateLimiter<string>? _fallback;
    private readonly RedisRateLimiterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RedisRateLimitingMetrics? _metrics;
    private readonly string _name;
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

    internal RedisPartitionedRateLimiter(
        IConnectionMultiplexer connection,
        RedisRateLimiterOptions options,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        RedisRateLimitingMetrics? metrics,
        string? name)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _name = name ?? "redis";
        ValidateOptions(options, _name);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger<RedisPartitionedRateLimiter>() ?? (ILogger)NullLogger.Instance;
        _metrics = metrics;
        _script = new RedisWindowScript(connection.GetDatabase(), options);
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

    /// <summary>Decides synchronously (one blocking round trip; the connection's SyncTimeout applies).</summary>
    /// <param name="key">The partition key, for example the client IP.</param>
    /// <param name="permitCount">The permits wanted (the request's cost); zero only asks whether a permit is available.</param>
    /// <returns>The decision with remaining permits, reset time and retry-after.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above the permit limit.</exception>
    public RateLimitDecision Decide(string key, int permitCount = 1)
    {
        Validate(key, permitCount);
        if (!_breaker.TryAcquire(out CircuitBreakerPermit permit))
        {
            return Unavailable(key, permitCount, RedisRateLimitingConstants.BreakerOpen, permit.RetryAfter);
        }

        try
        {
            RedisWindowResult result = _script.Evaluate(key, permitCount);
            _breaker.RecordSuccess(permit);
            return FromRedis(result);
        }
        catch (Exception exception) when (IsRedisFailure(exception, default))
        {
            return OnFailure(key, permitCount, permit, exception);
        }
    }

    /// <summary>Decides asynchronously; a call that takes longer than <see cref="RedisRateLimiterOptions.OperationTimeout"/> counts as a Redis failure.</summary>
    /// <param name="key">The partition key, for example the client IP.</param>
    /// <param name="permitCount">The permits wanted (the request's cost); zero only asks whether a permit is available.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The decision with remaining permits, reset time and retry-after.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or above the permit limit.</exception>
    public async ValueTask<RateLimitDecision> DecideAsync(string key, int permitCount = 1, CancellationToken cancellationToken = default)
    {
        Validate(key, permitCount);
        if (!_breaker.TryAcquire(out CircuitBreakerPermit permit))
        {
            return Unavailable(key, permitCount, RedisRateLimitingConstants.BreakerOpen, permit.RetryAfter);
        }

        try
        {
            RedisWindowResult result = await _script.EvaluateAsync(key, permitCount)
                .WaitAsync(_options.OperationTimeout, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
            _breaker.RecordSuccess(permit);
            return FromRedis(result);
        }
        catch (Exception exception) when (IsRedisFailure(exception, cancellationToken))
        {
            return OnFailure(key, permitCount, permit, exception);
        }
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
        }
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }

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

    private RateLimitDecision FromRedis(in RedisWindowResult result)
    {
        _metrics?.Decision(_name, result.Allowed, RedisRateLimitingConstants.SourceRedis);
        return new RateLimitDecision(
            result.Allowed,
            _options.PermitLimit,
            result.Remaining,
            FromMicros(result.ResetMicros),
            TimeSpan.FromTicks(result.RetryAfterMicros * 10));
    }

    private RateLimitDecision OnFailure(string key, int permitCount, in CircuitBreakerPermit permit, Exception exception)
    {
        _breaker.RecordFailure(permit);
        string errorType = exception.GetType().Name;
        _metrics?.Failure(_name, errorType);
        Log.RedisFailed(_logger, _name, errorType, _options.FailurePolicy, exception);
        return Unavailable(key, permitCount, errorType, null);
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
