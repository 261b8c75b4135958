using System.Diagnostics;
using Tx.Resilience.Telemetry;

namespace Tx.Resilience.CircuitBreaking;

/// <summary>
/// A circuit breaker: closed → open when the failure ratio (or the run of consecutive failures) crosses the
/// threshold, open → half-open after the break duration, half-open → closed when the permitted probes succeed,
/// half-open → open on a probe failure. Safe under any concurrency; the closed success path is lock-free.
/// </summary>
/// <remarks>
/// Create one per dependency and keep it (a singleton): <c>new CircuitBreaker("payments", options)</c>, or
/// register named breakers with <c>services.AddTxResilience().AddCircuitBreaker("payments", ...)</c> and resolve
/// them as keyed services or through <see cref="ResilienceRegistry"/>.
/// </remarks>
public sealed partial class CircuitBreaker
{
    internal const int StateMask = 0b111;
    private const int GenerationShift = 3;

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly ResilienceTelemetry _telemetry;
    private readonly SamplingWindow _window;
    private readonly CircuitBreakerMode _mode;
    private readonly double _failureRatio;
    private readonly int _minimumThroughput;
    private readonly int _consecutiveThreshold;
    private readonly int _permittedProbes;
    private readonly TimeSpan _breakDuration;
    private readonly Func<BreakDurationGeneratorArguments, TimeSpan>? _breakDurationGenerator;
    private readonly Func<Exception, bool>? _shouldHandle;
    private readonly Func<OnCircuitStateChangedArguments, ValueTask>? _onStateChanged;

    // (generation << 3) | state. Every transition bumps the generation, so an outcome reported with a permit
    // from an earlier state is recognised as stale and ignored.
    private volatile int _stateWord;
    private readonly bool _coarseClock;
    private long _openUntil;

    // While Environment.TickCount64 reads less than this, the circuit is certainly still open: the hot rejection
    // path reads the coarse tick (a few ns) instead of the precise timestamp (tens of ns on virtual machines).
    private long _openCertainlyUntilMilliseconds = long.MinValue;
    private DateTimeOffset _openUntilUtc;
    private int _consecutiveFailures;
    private int _probesAdmitted;
    private int _probeSuccesses;
    private int _openCount;

    /// <summary>Initializes a new instance of the <see cref="CircuitBreaker"/> class.</summary>
    /// <param name="name">The breaker's name, used in snapshots, exceptions, logs and metrics.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults (50 % over 30 s, open 30 s).</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names every invalid option.</exception>
    public CircuitBreaker(string name, CircuitBreakerOptions? options = null, TimeProvider? timeProvider = null)
        : this(name, options ?? new CircuitBreakerOptions(), timeProvider ?? TimeProvider.System, ResilienceTelemetry.None)
    {
    }

    internal CircuitBreaker(string name, CircuitBreakerOptions options, TimeProvider timeProvider, ResilienceTelemetry telemetry)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.Validate(new CircuitBreakerOptionsValidator(), name, options);
        Name = name;
        _timeProvider = timeProvider;
        _coarseClock = ReferenceEquals(timeProvider, TimeProvider.System);
        _telemetry = telemetry;
        _mode = options.Mode;
        _failureRatio = options.FailureRatio;
        _minimumThroughput = options.MinimumThroughput;
        _consecutiveThreshold = options.ConsecutiveFailureThreshold;
        _permittedProbes = options.PermittedHalfOpenProbes;
        _breakDuration = options.BreakDuration;
        _breakDurationGenerator = options.BreakDurationGenerator;
        _shouldHandle = options.ShouldHandle;
        _onStateChanged = options.OnStateChanged;
        _window = new SamplingWindow(timeProvider, ToTimestampTicks(options.SamplingDuration), _coarseClock);
        telemetry.Metrics?.Register(this);
    }

    /// <summary>Raised after every state change, outside the breaker's lock.</summary>
    public event EventHandler<OnCircuitStateChangedArguments>? StateChanged;

    /// <summary>Gets the breaker's name.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets the current state. An open circuit whose break duration has elapsed reports <see cref="CircuitState.Open"/>
    /// until the next call turns it half-open.
    /// </summary>
    public CircuitState State => (CircuitState)(_stateWord & StateMask);

    /// <summary>Gets a consistent snapshot of state, failure rate, counts and retry time.</summary>
    /// <returns>The snapshot.</returns>
    public CircuitBreakerSnapshot GetSnapshot()
    {
        lock (_lock)
        {
            (long calls, long failures) = _window.Sum(_timeProvider.GetTimestamp());
            CircuitState state = State;
            return new CircuitBreakerSnapshot(
                Name,
                state,
                calls == 0 ? 0 : (double)failures / calls,
                calls,
                failures,
                _consecutiveFailures,
                state == CircuitState.Open ? _openUntilUtc : null);
        }
    }

    /// <summary>
    /// Asks to make a call, without throwing. When the answer is granted, report the outcome exactly once with
    /// <see cref="RecordSuccess(in CircuitBreakerPermit)"/>, <see cref="RecordFailure(in CircuitBreakerPermit)"/> or
    /// <see cref="RecordIgnored(in CircuitBreakerPermit)"/> (a half-open probe slot is held until then).
    /// </summary>
    /// <param name="permit">The permit; on rejection it carries the retry-after.</param>
    /// <returns><see langword="true"/> when the call may proceed.</returns>
    public bool TryAcquire(out CircuitBreakerPermit permit)
    {
        int word = _stateWord;
        switch ((CircuitState)(word & StateMask))
        {
            case CircuitState.Closed:
                permit = new CircuitBreakerPermit(word, true, null);
                return true;
            case CircuitState.Open:
                if (_coarseClock)
                {
                    long nowMilliseconds = Environment.TickCount64;
                    long certainlyUntil = Volatile.Read(ref _openCertainlyUntilMilliseconds);
                    if (nowMilliseconds < certainlyUntil)
                    {
                        // Retry-after may read up to the slack late; the break itself never ends late or early.
                        permit = new CircuitBreakerPermit(
                            word, false, new TimeSpan((certainlyUntil - nowMilliseconds + CircuitBreakerConstants.CoarseClockSlackMilliseconds) * TimeSpan.TicksPerMillisecond));
                        _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.CircuitBreakerKind);
                        return false;
                    }
                }

                long now = _timeProvider.GetTimestamp();
                long until = Volatile.Read(ref _openUntil);
                if (now < until)
                {
                    permit = new CircuitBreakerPermit(word, false, _timeProvider.GetElapsedTime(now, until));
                    _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.CircuitBreakerKind);
                    return false;
                }

                return TryAcquireSlow(out permit);
            case CircuitState.HalfOpen:
                return TryAcquireSlow(out permit);
            default:
                permit = new CircuitBreakerPermit(word, false, null);
                _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.CircuitBreakerKind);
                return false;
        }
    }

    /// <summary>Reports that a granted call succeeded.</summary>
    /// <param name="permit">The permit from <see cref="TryAcquire(out CircuitBreakerPermit)"/>.</param>
    public void RecordSuccess(in CircuitBreakerPermit permit)
    {
        int word = permit.StateWord;
        if (word == _stateWord && (word & StateMask) == (int)CircuitState.Closed)
        {
            if (_mode == CircuitBreakerMode.ConsecutiveFailures && Volatile.Read(ref _consecutiveFailures) != 0)
            {
                Volatile.Write(ref _consecutiveFailures, 0);
            }

            if ((_coarseClock && _window.TryRecordSuccessCoarse(Environment.TickCount64))
                || _window.TryRecordSuccessFast(_timeProvider.GetTimestamp()))
            {
                return;
            }
        }

        Record(permit, Outcome.Success);
    }

    /// <summary>Reports that a granted call failed (the dependency is unhealthy).</summary>
    /// <param name="permit">The permit from <see cref="TryAcquire(out CircuitBreakerPermit)"/>.</param>
    public void RecordFailure(in CircuitBreakerPermit permit) => Record(permit, Outcome.Failure);

    /// <summary>
    /// Reports that a granted call ended without telling anything about the dependency (for example the caller
    /// cancelled it). It is not counted; a half-open probe slot is released.
    /// </summary>
    /// <param name="permit">The permit from <see cref="TryAcquire(out CircuitBreakerPermit)"/>.</param>
    public void RecordIgnored(in CircuitBreakerPermit permit) => Record(permit, Outcome.Ignored);

    /// <summary>Holds the circuit open until <see cref="Reset"/> is called; every call is rejected with <see cref="IsolatedCircuitException"/>.</summary>
    public void Isolate()
    {
        Transition transition;
        lock (_lock)
        {
            transition = TransitionLocked(CircuitState.Isolated, _timeProvider.GetTimestamp(), null, isManual: true);
        }

        Raise(transition);
    }

    /// <summary>Closes the circuit and forgets every sample, whatever the current state.</summary>
    public void Reset()
    {
        Transition transition;
        lock (_lock)
        {
            transition = TransitionLocked(CircuitState.Closed, _timeProvider.GetTimestamp(), null, isManual: true);
        }

        Raise(transition);
    }

    internal Outcome Classify(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return Outcome.Ignored;
        }

        if (_shouldHandle is not null)
        {
            return _shouldHandle(exception) ? Outcome.Failure : Outcome.Success;
        }

        return exception is ExecutionRejectedException and not Timeouts.TimeoutRejectedException ? Outcome.Ignored : Outcome.Failure;
    }

    internal void Record(in CircuitBreakerPermit permit, Outcome outcome)
    {
        Transition transition = default;
        lock (_lock)
        {
            int word = permit.StateWord;
            if (word != _stateWord)
            {
                return;
            }

            long now = _timeProvider.GetTimestamp();
            switch ((CircuitState)(word & StateMask))
            {
                case CircuitState.Closed when outcome != Outcome.Ignored:
                    bool success = outcome == Outcome.Success;
                    _window.RecordLocked(now, success);
                    if (success)
                    {
                        _consecutiveFailures = 0;
                        break;
                    }

                    _consecutiveFailures++;
                    (long calls, long failures) = _window.Sum(now);
                    bool open = _mode == CircuitBreakerMode.ConsecutiveFailures
                        ? _consecutiveFailures >= _consecutiveThreshold
                        : calls >= _minimumThroughput && failures >= _failureRatio * calls;
                    if (open)
                    {
                        transition = TransitionLocked(CircuitState.Open, now, new BreakDurationGeneratorArguments(_openCount + 1, calls == 0 ? 0 : (double)failures / calls, failures), isManual: false);
                    }

                    break;
                case CircuitState.HalfOpen:
                    if (outcome == Outcome.Ignored)
                    {
                        _probesAdmitted--;
                    }
                    else if (outcome == Outcome.Success)
                    {
                        if (++_probeSuccesses >= _permittedProbes)
                        {
                            transition = TransitionLocked(CircuitState.Closed, now, null, isManual: false);
                        }
                    }
                    else
                    {
                        (long windowCalls, long windowFailures) = _window.Sum(now);
                        transition = TransitionLocked(CircuitState.Open, now, new BreakDurationGeneratorArguments(_openCount + 1, windowCalls == 0 ? 0 : (double)windowFailures / windowCalls, windowFailures), isManual: false);
                    }

                    break;
            }
        }

        Raise(transition);
    }

    private bool TryAcquireSlow(out CircuitBreakerPermit permit)
    {
        Transition transition = default;
        bool granted;
        lock (_lock)
        {
            long now = _timeProvider.GetTimestamp();
            CircuitState state = State;
            if (state == CircuitState.Open && now >= _openUntil)
            {
                transition = TransitionLocked(CircuitState.HalfOpen, now, null, isManual: false);
                state = CircuitState.HalfOpen;
            }

            switch (state)
            {
                case CircuitState.Closed:
                    granted = true;
                    permit = new CircuitBreakerPermit(_stateWord, true, null);
                    break;
                case CircuitState.HalfOpen when _probesAdmitted < _permittedProbes:
                    _probesAdmitted++;
                    granted = true;
                    permit = new CircuitBreakerPermit(_stateWord, true, null);
                    break;
                case CircuitState.HalfOpen:
                    granted = false;
                    permit = new CircuitBreakerPermit(_stateWord, false, TimeSpan.Zero);
                    break;
                case CircuitState.Open:
                    granted = false;
                    permit = new CircuitBreakerPermit(_stateWord, false, _timeProvider.GetElapsedTime(now, _openUntil));
                    break;
                default:
                    granted = false;
                    permit = new CircuitBreakerPermit(_stateWord, false, null);
                    break;
            }
        }

        Raise(transition);
        if (!granted)
        {
            _telemetry.Metrics?.RecordRejection(Name, ResilienceMetrics.CircuitBreakerKind);
        }

        return granted;
    }

    private Transition TransitionLocked(CircuitState to, long now, BreakDurationGeneratorArguments? openArguments, bool isManual)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread, "Transitions happen under the lock.");
        CircuitState from = State;
        TimeSpan? breakDuration = null;
        switch (to)
        {
            case CircuitState.Closed:
                _window.ResetLocked();
                _consecutiveFailures = 0;
                _openCount = 0;
                break;
            case CircuitState.Open:
                BreakDurationGeneratorArguments arguments = openArguments.GetValueOrDefault();
                TimeSpan duration = _breakDurationGenerator?.Invoke(arguments) ?? _breakDuration;
                if (duration < TimeSpan.Zero)
                {
                    duration = TimeSpan.Zero;
                }

                breakDuration = duration;
                _openCount = arguments.OpenCount;
                Volatile.Write(ref _openUntil, now + ToTimestampTicks(duration));
                _openUntilUtc = _timeProvider.GetUtcNow() + duration;
                if (_coarseClock)
                {
                    SetCoarseDeadline(now + ToTimestampTicks(duration));
                }

                break;
            case CircuitState.HalfOpen:
                _probesAdmitted = 0;
                _probeSuccesses = 0;
                break;
        }

        int generation = (_stateWord >>> GenerationShift) + 1;
        _stateWord = (generation << GenerationShift) | (int)to;
        return new Transition(from, to, breakDuration, isManual, Valid: true);
    }

    // The coarse tick is read before the precise timestamp and lags real time by less than the slack, so
    // "tick < tick0 + remaining - slack" implies "precise now < deadline": a fast rejection is never wrong.
    private void SetCoarseDeadline(long openUntilTimestamp)
    {
        long tick0 = Environment.TickCount64;
        long remainingMilliseconds = (long)_timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), openUntilTimestamp).TotalMilliseconds;
        Volatile.Write(ref _openCertainlyUntilMilliseconds, remainingMilliseconds > CircuitBreakerConstants.CoarseClockSlackMilliseconds
            ? tick0 + remainingMilliseconds - CircuitBreakerConstants.CoarseClockSlackMilliseconds
            : long.MinValue);
    }

    private void Raise(in Transition transition)
    {
        if (!transition.Valid)
        {
            return;
        }

        var arguments = new OnCircuitStateChangedArguments(Name, transition.From, transition.To, transition.BreakDuration, transition.IsManual);
        _telemetry.OnCircuitStateChanged(arguments);
        StateChanged?.Invoke(this, arguments);
        if (_onStateChanged is not null)
        {
            CallbackInvoker.InvokeAndObserve(_onStateChanged, arguments, _telemetry);
        }
    }

    private long ToTimestampTicks(TimeSpan duration) =>
        (long)(duration.Ticks * ((double)_timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond));

    internal enum Outcome
    {
        Success,
        Failure,
        Ignored,
    }

    private readonly record struct Transition(CircuitState From, CircuitState To, TimeSpan? BreakDuration, bool IsManual, bool Valid);
}
