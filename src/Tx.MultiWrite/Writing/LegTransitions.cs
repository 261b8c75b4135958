using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Retrying;
using Tx.Resilience.Retry;

namespace Tx.MultiWrite.Writing;

/// <summary>Turns an attempt into the leg's next ledger state (shared by the writer and the retry worker).</summary>
internal static class LegTransitions
{
    public static LegUpdate AfterWrite(WriteIntent intent, LegEntry leg, LegAttempt attempt, DateTimeOffset now, RetryWorkerOptions options)
    {
        switch (attempt.Kind)
        {
            case LegAttemptKind.Written:
            case LegAttemptKind.AlreadyPresent:
                return new LegUpdate(leg.Target, leg.State, LegState.Succeeded, leg.Attempts + 1, now, null);
            case LegAttemptKind.Tombstoned:
                return new LegUpdate(leg.Target, leg.State, LegState.Compensated, leg.Attempts + 1, now, "Tombstoned");
            case LegAttemptKind.Rejected:
                // An open breaker burns no attempt: the leg waits until the breaker lets a probe through.
                return new LegUpdate(leg.Target, leg.State, leg.State, leg.Attempts, now + Max(attempt.RetryAfter, options.PollInterval), attempt.Error);
            default:
                int attempts = leg.Attempts + 1;
                bool exhausted = attempts >= options.MaxAttempts || now - intent.CreatedAt >= options.MaxAge;
                if (exhausted && leg.State == LegState.Pending)
                {
                    return new LegUpdate(leg.Target, leg.State, LegState.DeadLettered, attempts, now, attempt.Error);
                }

                // Compensations are never dead-lettered: a tombstone must land eventually.
                return new LegUpdate(leg.Target, leg.State, leg.State, attempts, now + Backoff(attempts, options, Random.Shared.NextDouble()), attempt.Error);
        }
    }

    public static LegUpdate AfterTombstone(LegEntry leg, LegAttempt attempt, DateTimeOffset now, RetryWorkerOptions options) =>
        attempt.Kind switch
        {
            LegAttemptKind.Written or LegAttemptKind.AlreadyPresent or LegAttemptKind.Tombstoned =>
                new LegUpdate(leg.Target, leg.State, LegState.Compensated, leg.Attempts, now, null),
            LegAttemptKind.Rejected =>
                new LegUpdate(leg.Target, leg.State, leg.State, leg.Attempts, now + Max(attempt.RetryAfter, options.PollInterval), attempt.Error),
            _ => new LegUpdate(leg.Target, leg.State, leg.State, leg.Attempts + 1, now + Backoff(leg.Attempts + 1, options, Random.Shared.NextDouble()), attempt.Error),
        };

    public static LegEntry Apply(LegEntry leg, LegUpdate update) =>
        leg.State == update.ExpectedState ? new LegEntry(leg.Target, update.State, update.Attempts, update.NextAttemptAt, update.LastError) : leg;

    /// <summary>
    /// The guide's backoff through Tx.Resilience's calculator: <c>min(MaxDelay, BaseDelay × 2^(attempts-1)) + random × JitterMax</c>.
    /// </summary>
    /// <param name="attempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="options">The worker's delay settings.</param>
    /// <param name="random">A uniform draw in [0, 1).</param>
    internal static TimeSpan Backoff(int attempts, RetryWorkerOptions options, double random) =>
        new BackoffCalculator(new RetryOptions
        {
            BaseDelay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ExponentialBase = 2,
            Jitter = JitterKind.Additive,
            JitterMax = options.JitterMax,
        }).GetDelay(Math.Max(attempts - 1, 0), random);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
