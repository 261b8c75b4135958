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
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<TargetWriteOutcome> operation = tombstone ? TombstoneCoreAsync(record, cts.Token) : Target.WriteAsync(record, cts.Token);
        bool abandoned = false;
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
            abandoned = true;
            CancelAbandoned(operation, cts);
            attempt = new LegAttempt(LegAttemptKind.TimedOut, $"Timeout after {Options.Timeout.TotalMilliseconds:0} ms (outcome unknown; retried)", TimeSpan.Zero);
            Breaker.RecordFailure(permit);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            abandoned = true;
            DisposeWhenDone(operation, cts);
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
            if (!abandoned)
            {
                cts.Dispose();
            }
        }

        _metrics.LegAttempted(Name, attempt.OutcomeName, _timeProvider.GetElapsedTime(started));
        return attempt;
    }

    private async Task<TargetWriteOutcome> TombstoneCoreAsync(TargetRecord record, CancellationToken cancellationToken)
    {
        await Target.TombstoneAsync(record, cancellationToken).ConfigureAwait(false);
        return TargetWriteOutcome.Tombstoned;
    }

    /// <summary>
    /// Cancels a timed-out attempt without waiting for it, on a dedicated thread rather than a thread-pool thread.
    /// Database clients cancel synchronously inside the token's callback: MySqlConnector opens a new connection to
    /// send <c>KILL QUERY</c> (blocking up to its <c>CancellationTimeout</c>), Npgsql sends a cancel request. Against a
    /// stalled server each such callback blocks its thread; run on the thread pool (as <c>CancelAsync</c> does) a
    /// burst of timed-out legs would starve every I/O continuation in the process, the ledger's and the other legs'
    /// included. The source is disposed once both the attempt and the cancellation have finished.
    /// </summary>
    internal static void CancelAbandoned(Task operation, CancellationTokenSource cts)
    {
        Task cancelling = Task.Factory.StartNew(
            static state => ((CancellationTokenSource)state!).Cancel(),
            cts,
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
        DisposeWhenDone(Task.WhenAll(operation, cancelling), cts);
    }

    private static void DisposeWhenDone(Task task, CancellationTokenSource cts) =>
        _ = task.ContinueWith(
            static (t, state) =>
            {
                _ = t.Exception;
                ((CancellationTokenSource)state!).Dispose();
            },
            cts,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
