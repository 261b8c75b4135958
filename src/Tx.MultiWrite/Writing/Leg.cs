using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Telemetry;
using Tx.Resilience.CircuitBreaking;

namespace Tx.MultiWrite.Writing;

/// <summary>A target with its own Tx.Resilience circuit breaker and timeout; runs one attempt and classifies the outcome.</summary>
internal sealed class Leg
{
    private readonly TimeProvider _timeProvider;
    private readonly MultiWriteMetrics _metrics;
    private int _inFlight;

    public Leg(IWriteTarget target, TargetLegOptions options, CircuitBreaker breaker, TimeProvider timeProvider, MultiWriteMetrics metrics)
    {
        Target = target;
        Options = options;
        Breaker = breaker;
        _timeProvider = timeProvider;
        _metrics = metrics;
    }

    public string Name => Target.Name;

    public IWriteTarget Target { get; }

    public TargetLegOptions Options { get; }

    public CircuitBreaker Breaker { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public Task<LegAttempt> WriteAsync(TargetRecord record, CancellationToken cancellationToken) =>
        RunAsync(record, tombstone: false, cancellationToken);

    public Task<LegAttempt> TombstoneAsync(TargetRecord record, CancellationToken cancellationToken) =>
        RunAsync(record, tombstone: true, cancellationToken);

    private async Task<LegAttempt> RunAsync(TargetRecord record, bool tombstone, CancellationToken cancellationToken)
    {
        if (!Breaker.TryAcquire(out CircuitBreakerPermit permit))
        {
            var rejected = new LegAttempt(LegAttemptKind.Rejected, $"Circuit {permit.State.ToWireName()}", permit.RetryAfter ?? Options.BreakDuration);
            _metrics.LegAttempted(Name, rejected.OutcomeName, TimeSpan.Zero);
            return rejected;
        }

        long started = _timeProvider.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<TargetWriteOutcome> operation = tombstone ? TombstoneCoreAsync(record, cts.Token) : Target.WriteAsync(record, cts.Token);
        LegAttempt attempt;
        try
        {
            // WaitAsync bounds the wait even when a client ignores cancellation (a stalled socket).
            TargetWriteOutcome outcome = await operation.WaitAsync(Options.Timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            attempt = new LegAttempt(
                outcome switch
                {
                    TargetWriteOutcome.Written => LegAttemptKind.Written,
                    TargetWriteOutcome.AlreadyPresent => LegAttemptKind.AlreadyPresent,
                    _ => LegAttemptKind.Tombstoned,
                },
                null,
                TimeSpan.Zero);
            Breaker.RecordSuccess(permit);
        }
        catch (TimeoutException)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            ObserveLater(operation);
            attempt = new LegAttempt(LegAttemptKind.TimedOut, $"Timeout after {Options.Timeout.TotalMilliseconds:0} ms (outcome unknown; retried)", TimeSpan.Zero);
            Breaker.RecordFailure(permit);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ObserveLater(operation);
            attempt = new LegAttempt(LegAttemptKind.TimedOut, "Cancelled by the caller (outcome unknown; retried)", TimeSpan.Zero);
            Breaker.RecordIgnored(permit);
        }
        catch (Exception ex)
        {
            attempt = new LegAttempt(LegAttemptKind.Failed, $"{ex.GetType().Name}: {ex.Message}", TimeSpan.Zero);
            Breaker.RecordFailure(permit);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        _metrics.LegAttempted(Name, attempt.OutcomeName, _timeProvider.GetElapsedTime(started));
        return attempt;
    }

    private async Task<TargetWriteOutcome> TombstoneCoreAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        await Target.TombstoneAsync(record, cancellationToken).ConfigureAwait(false);
        return TargetWriteOutcome.Tombstoned;
    }

    private static void ObserveLater(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
