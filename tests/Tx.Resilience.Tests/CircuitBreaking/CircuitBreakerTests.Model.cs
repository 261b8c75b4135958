using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Tests.CircuitBreaking;

// The breaker against a small, obviously-correct reference model: a list of timestamped outcomes instead of
// buckets, explicit fields instead of a packed state word.
public sealed partial class CircuitBreakerTests
{
    private static readonly TimeSpan s_sampling = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_break = TimeSpan.FromSeconds(5);

    [Property(MaxTest = 10_000)]
    public Property StateMachine_RandomOperations_MatchesReferenceModel(byte[] program, bool consecutiveMode, byte probeSeed)
    {
        int probes = 1 + (probeSeed % 3);
        var options = new CircuitBreakerOptions
        {
            Mode = consecutiveMode ? CircuitBreakerMode.ConsecutiveFailures : CircuitBreakerMode.FailureRatio,
            FailureRatio = 0.5,
            MinimumThroughput = 3,
            ConsecutiveFailureThreshold = 3,
            SamplingDuration = s_sampling,
            BreakDuration = s_break,
            PermittedHalfOpenProbes = probes,
        };
        var time = new FakeTimeProvider();
        var breaker = new CircuitBreaker("model", options, time);
        var model = new Model(options);
        var held = new Queue<(CircuitBreakerPermit Real, int ModelGeneration)>();

        foreach (byte b in program)
        {
            int op = b & 0x0F;
            int arg = b >> 4;
            switch (op)
            {
                case <= 3:
                    bool granted = breaker.TryAcquire(out CircuitBreakerPermit permit);
                    (bool modelGranted, TimeSpan? modelRetry) = model.Acquire();
                    if (granted != modelGranted || permit.RetryAfter != modelRetry)
                    {
                        return false.Label($"acquire: real {granted}/{permit.RetryAfter}, model {modelGranted}/{modelRetry}");
                    }

                    if (granted)
                    {
                        bool success = op <= 1;
                        Complete(breaker, permit, success ? 0 : 1);
                        model.Record(model.Generation, success ? 0 : 1);
                    }

                    break;
                case 4 or 5:
                    time.Advance(TimeSpan.FromMilliseconds(arg * (op == 4 ? 1000 : 250)));
                    model.Now += TimeSpan.FromMilliseconds(arg * (op == 4 ? 1000 : 250));
                    break;
                case 6 or 7:
                    granted = breaker.TryAcquire(out permit);
                    (modelGranted, _) = model.Acquire();
                    if (granted != modelGranted)
                    {
                        return false.Label("held acquire differs");
                    }

                    if (granted)
                    {
                        held.Enqueue((permit, model.Generation));
                    }

                    break;
                case 8 or 9 or 10:
                    if (held.TryDequeue(out var h))
                    {
                        int outcome = op - 8;
                        Complete(breaker, h.Real, outcome);
                        model.Record(h.ModelGeneration, outcome);
                    }

                    break;
                case 11 when arg == 0:
                    breaker.Isolate();
                    model.Isolate();
                    break;
                case 12 when arg < 4:
                    breaker.Reset();
                    model.Reset();
                    break;
                case 13:
                    granted = breaker.TryAcquire(out permit);
                    (modelGranted, _) = model.Acquire();
                    if (granted)
                    {
                        breaker.RecordIgnored(permit);
                        model.Record(model.Generation, 2);
                    }

                    break;
            }

            CircuitBreakerSnapshot snapshot = breaker.GetSnapshot();
            (long calls, long failures) = model.Window();
            if (snapshot.State != model.State || snapshot.Calls != calls || snapshot.Failures != failures)
            {
                return false.Label($"after op {op}: real {snapshot.State} {snapshot.Calls}/{snapshot.Failures}, model {model.State} {calls}/{failures}");
            }
        }

        return true.ToProperty();
    }

    private static void Complete(CircuitBreaker breaker, in CircuitBreakerPermit permit, int outcome)
    {
        switch (outcome)
        {
            case 0:
                breaker.RecordSuccess(permit);
                break;
            case 1:
                breaker.RecordFailure(permit);
                break;
            default:
                breaker.RecordIgnored(permit);
                break;
        }
    }

    private sealed class Model(CircuitBreakerOptions options)
    {
        private readonly List<(TimeSpan At, bool Success)> _samples = [];
        private TimeSpan _openUntil;
        private int _consecutive;
        private int _admitted;
        private int _probeSuccesses;

        public CircuitState State { get; private set; } = CircuitState.Closed;

        public int Generation { get; private set; }

        public TimeSpan Now { get; set; }

        public (bool Granted, TimeSpan? RetryAfter) Acquire()
        {
            if (State == CircuitState.Open && Now >= _openUntil)
            {
                Move(CircuitState.HalfOpen);
            }

            switch (State)
            {
                case CircuitState.Closed:
                    return (true, null);
                case CircuitState.Open:
                    return (false, _openUntil - Now);
                case CircuitState.HalfOpen when _admitted < options.PermittedHalfOpenProbes:
                    _admitted++;
                    return (true, null);
                case CircuitState.HalfOpen:
                    return (false, TimeSpan.Zero);
                default:
                    return (false, null);
            }
        }

        // outcome: 0 success, 1 failure, 2 ignored
        public void Record(int generation, int outcome)
        {
            if (generation != Generation)
            {
                return;
            }

            if (State == CircuitState.Closed && outcome != 2)
            {
                _samples.Add((Now, outcome == 0));
                _consecutive = outcome == 0 ? 0 : _consecutive + 1;
                (long calls, long failures) = Window();
                bool open = options.Mode == CircuitBreakerMode.ConsecutiveFailures
                    ? outcome == 1 && _consecutive >= options.ConsecutiveFailureThreshold
                    : outcome == 1 && calls >= options.MinimumThroughput && failures >= options.FailureRatio * calls;
                if (open)
                {
                    Open();
                }
            }
            else if (State == CircuitState.HalfOpen)
            {
                if (outcome == 2)
                {
                    _admitted--;
                }
                else if (outcome == 0)
                {
                    if (++_probeSuccesses >= options.PermittedHalfOpenProbes)
                    {
                        Reset();
                    }
                }
                else
                {
                    Open();
                }
            }
        }

        public (long Calls, long Failures) Window()
        {
            long bucket = s_sampling.Ticks / CircuitBreakerConstants.BucketCount;
            long current = Now.Ticks / bucket;
            var inWindow = _samples.Where(s => s.At.Ticks / bucket > current - CircuitBreakerConstants.BucketCount).ToList();
            return (inWindow.Count, inWindow.Count(s => !s.Success));
        }

        public void Isolate() => Move(CircuitState.Isolated);

        public void Reset()
        {
            _samples.Clear();
            _consecutive = 0;
            Move(CircuitState.Closed);
        }

        private void Open()
        {
            _openUntil = Now + s_break;
            Move(CircuitState.Open);
        }

        private void Move(CircuitState to)
        {
            if (to == CircuitState.HalfOpen)
            {
                _admitted = 0;
                _probeSuccesses = 0;
            }

            State = to;
            Generation++;
        }
    }
}
