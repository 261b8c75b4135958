using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Gating;

/// <summary>
/// A failure-ratio breaker over a fixed sampling window: Closed → Open when, inside the window, calls ≥ minimum
/// throughput and failures / calls ≥ ratio; Open rejects until the break duration passed; then one probe
/// (Half-open) closes or re-opens it.
/// </summary>
internal sealed class LegCircuitBreaker : ILegGate
{
    private readonly Lock _lock = new();
    private readonly TargetLegOptions _options;
    private readonly TimeProvider _timeProvider;
    private CircuitState _state = CircuitState.Closed;
    private long _windowStart;
    private int _calls;
    private int _failures;
    private long _openedAt;
    private bool _probeInFlight;

    public LegCircuitBreaker(TargetLegOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _windowStart = timeProvider.GetTimestamp();
    }

    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                if (_state == CircuitState.Open && _timeProvider.GetElapsedTime(_openedAt) >= _options.BreakDuration)
                {
                    return CircuitState.HalfOpen;
                }

                return _state;
            }
        }
    }

    public double FailureRate
    {
        get
        {
            lock (_lock)
            {
                RollWindow();
                return _calls == 0 ? 0 : (double)_failures / _calls;
            }
        }
    }

    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            retryAfter = TimeSpan.Zero;
            switch (_state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open:
                    TimeSpan elapsed = _timeProvider.GetElapsedTime(_openedAt);
                    if (elapsed < _options.BreakDuration)
                    {
                        retryAfter = _options.BreakDuration - elapsed;
                        return false;
                    }

                    _state = CircuitState.HalfOpen;
                    _probeInFlight = true;
                    return true;
                default:
                    if (_probeInFlight)
                    {
                        retryAfter = _options.BreakDuration;
                        return false;
                    }

                    _probeInFlight = true;
                    return true;
            }
        }
    }

    public void OnSuccess()
    {
        lock (_lock)
        {
            if (_state == CircuitState.HalfOpen)
            {
                _state = CircuitState.Closed;
                _probeInFlight = false;
                ResetWindow();
            }

            RollWindow();
            _calls++;
        }
    }

    public void OnFailure()
    {
        lock (_lock)
        {
            if (_state == CircuitState.HalfOpen)
            {
                Open();
                return;
            }

            RollWindow();
            _calls++;
            _failures++;
            if (_state == CircuitState.Closed && _calls >= _options.MinimumThroughput && (double)_failures / _calls >= _options.FailureRatio)
            {
                Open();
            }
        }
    }

    private void Open()
    {
        _state = CircuitState.Open;
        _openedAt = _timeProvider.GetTimestamp();
        _probeInFlight = false;
    }

    private void RollWindow()
    {
        if (_timeProvider.GetElapsedTime(_windowStart) >= _options.SamplingDuration)
        {
            ResetWindow();
        }
    }

    private void ResetWindow()
    {
        _windowStart = _timeProvider.GetTimestamp();
        _calls = 0;
        _failures = 0;
    }
}
