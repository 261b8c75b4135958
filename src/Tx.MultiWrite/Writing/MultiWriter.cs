using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Telemetry;

namespace Tx.MultiWrite.Writing;

/// <summary>
/// Validate → commit the intent (legs leased to this writer) → run every leg in parallel → record outcomes.
/// The intent is durable before any leg runs, and every leg is idempotent by write id, so a crash at any
/// point loses no acknowledged write and duplicates none: the retry worker finishes what is pending.
/// With <see cref="MultiWriteOptions.DeferOutcomeRecording"/>, an all-succeeded outcome is recorded in the
/// background; until it is in the ledger it is kept in <see cref="_unrecorded"/>, so a reuse of the write id in
/// this process answers with it rather than with the ledger's still-pending legs.
/// </summary>
internal sealed class MultiWriter(
    RecordValidator validator,
    IWriteLedger ledger,
    LegSet legs,
    SchemaInitializer schema,
    Compensator compensator,
    EventDispatcher events,
    MultiWriteMetrics metrics,
    IOptions<MultiWriteOptions> options,
    IOptions<RetryWorkerOptions> retryOptions,
    TimeProvider timeProvider,
    ILogger<MultiWriter> logger) : IMultiWriter, IAsyncDisposable, IDisposable
{
    /// <summary>Beyond this many outcomes not yet in the ledger, writers record theirs before returning (backpressure).</summary>
    internal const int MaxUnrecorded = 4_096;
    private readonly string _owner = "writer-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<Guid, Unrecorded> _unrecorded = new();

    /// <summary>Gets the number of outcomes handed to the ledger in the background and not yet committed there.</summary>
    internal int UnrecordedCount => _unrecorded.Count;

    public async Task<MultiWriteResult> WriteAsync(MultiWriteRecord record, CancellationToken cancellationToken = default)
    {
        ValidatedRecord valid = validator.Validate(record);
        if (legs.Legs.Count == 0)
        {
            throw new InvalidOperationException("No multi-write target is registered.");
        }

        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        long started = timeProvider.GetTimestamp();
        using Activity? activity = MultiWriteTelemetry.ActivitySource.StartActivity("multiwrite.write");
        DateTimeOffset now = timeProvider.GetUtcNow();
        Guid writeId = record.WriteId ?? Guid.CreateVersion7(now);
        activity?.SetTag("tx.multiwrite.write_id", writeId);

        LegEntry[] entries = new LegEntry[legs.Legs.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = new LegEntry(legs.Legs[i].Name, LegState.Pending, 0, now, null);
        }

        var intent = new WriteIntent(writeId, valid.RecordType, valid.Key, valid.PayloadJson, valid.PayloadHash, valid.Policy, false, now, entries);
        WriteIntent? existing = _unrecorded.TryGetValue(writeId, out Unrecorded? early) ? early.Outcome : null;
        existing ??= await ledger.TryCreateAsync(intent, _owner, now + options.Value.FirstAttemptLease, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            // The ledger may still show the legs pending while this process records their outcome in the background.
            existing = _unrecorded.TryGetValue(writeId, out Unrecorded? late) ? late.Outcome : existing;
            if (!string.Equals(existing.PayloadHash, valid.PayloadHash, StringComparison.Ordinal))
            {
                throw new WriteIdConflictException(writeId, existing.PayloadHash, valid.PayloadHash);
            }

            return FromStored(existing);
        }

        TargetRecord target = intent.ToTargetRecord();
        var running = new Task<LegAttempt>[entries.Length];
        for (int i = 0; i < running.Length; i++)
        {
            running[i] = legs.Legs[i].WriteAsync(target, cancellationToken);
        }

        LegAttempt[] attempts = await Task.WhenAll(running).ConfigureAwait(false);
        now = timeProvider.GetUtcNow();
        RetryWorkerOptions retry = retryOptions.Value;
        var updates = new LegUpdate[entries.Length];
        var after = new LegEntry[entries.Length];
        string? deadLeg = null;
        for (int i = 0; i < entries.Length; i++)
        {
            updates[i] = LegTransitions.AfterWrite(intent, entries[i], attempts[i], now, retry);
            after[i] = LegTransitions.Apply(entries[i], updates[i]);
            if (after[i].State == LegState.DeadLettered)
            {
                deadLeg ??= after[i].Target;
            }
        }

        // Outcomes are recorded even when the caller gave up: they only save the worker a redundant (idempotent) retry.
        WriteIntent outcome = intent.WithLegs(after);
        if (outcome.Status == IntentStatus.Completed && options.Value.DeferOutcomeRecording && _unrecorded.Count < MaxUnrecorded)
        {
            RecordInBackground(outcome, updates);
        }
        else
        {
            await ledger.UpdateLegsAsync(writeId, updates, CancellationToken.None).ConfigureAwait(false);
        }

        await PublishFailuresAsync(outcome, attempts, now).ConfigureAwait(false);
        if (deadLeg is not null && valid.Policy == ConsistencyPolicy.AllOrNothing)
        {
            string reason = after.First(l => l.Target == deadLeg).LastError ?? "failed";
            outcome = await compensator.CompensateAsync(outcome, deadLeg, reason, CancellationToken.None).ConfigureAwait(false);
        }

        metrics.WriteCompleted(outcome.Status, timeProvider.GetElapsedTime(started));
        return ToResult(outcome, attempts, now, replayed: false);
    }

    public async ValueTask DisposeAsync()
    {
        // Outcomes still on their way to the ledger: wait for them (bounded), so that a clean shutdown leaves nothing
        // to re-run. One that does not make it is re-run by the retry worker after the lease, like after a crash.
        Task[] recording = [.. _unrecorded.Values.Select(p => p.Recording)];
        if (recording.Length > 0)
        {
            await Task.WhenAll(recording).WaitAsync(TimeSpan.FromSeconds(10), timeProvider).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void RecordInBackground(WriteIntent outcome, LegUpdate[] updates)
    {
        var pending = new Unrecorded(outcome);
        _unrecorded[outcome.WriteId] = pending;
        pending.Recording = RecordAsync(pending, updates);
    }

    private async Task RecordAsync(Unrecorded pending, LegUpdate[] updates)
    {
        try
        {
            await ledger.UpdateLegsAsync(pending.Outcome.WriteId, updates, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing is lost: the legs stay pending in the ledger and the retry worker re-runs them (idempotent)
            // once this writer's lease on them expires.
            Log.OutcomeNotRecorded(logger, ex, pending.Outcome.WriteId);
        }
        finally
        {
            _unrecorded.TryRemove(new KeyValuePair<Guid, Unrecorded>(pending.Outcome.WriteId, pending));
        }
    }

    private async Task PublishFailuresAsync(WriteIntent outcome, LegAttempt[] attempts, DateTimeOffset now)
    {
        for (int i = 0; i < attempts.Length; i++)
        {
            if (attempts[i].Succeeded)
            {
                continue;
            }

            LegEntry leg = outcome.Legs[i];
            string error = attempts[i].Error ?? "failed";
            if (leg.State == LegState.DeadLettered)
            {
                Log.LegDeadLettered(logger, outcome.WriteId, leg.Target, leg.Attempts, error);
            }
            else
            {
                Log.LegFailed(logger, outcome.WriteId, leg.Target, leg.Attempts, leg.State.ToString(), error);
            }

            await events.FailedWriteAsync(new FailedWriteEvent(outcome.WriteId, leg.Target, outcome.RecordType, outcome.Key, error, leg.Attempts, leg.State, now)).ConfigureAwait(false);
        }
    }

    private static MultiWriteResult ToResult(WriteIntent outcome, LegAttempt[] attempts, DateTimeOffset now, bool replayed)
    {
        var succeeded = new List<LegSuccess>(attempts.Length);
        var failed = new List<LegFailure>();
        for (int i = 0; i < outcome.Legs.Count; i++)
        {
            LegEntry leg = outcome.Legs[i];
            if (leg.State == LegState.Succeeded)
            {
                succeeded.Add(new LegSuccess(leg.Target, attempts[i].Kind == LegAttemptKind.AlreadyPresent ? "already-present" : "written"));
            }
            else
            {
                failed.Add(new LegFailure(leg.Target, leg.LastError ?? attempts[i].Error ?? leg.State.ToString(), leg.State));
            }
        }

        return new MultiWriteResult(outcome.WriteId, succeeded, failed, outcome.CreatedAt, outcome.Status) { Replayed = replayed };
    }

    private static MultiWriteResult FromStored(WriteIntent stored)
    {
        var succeeded = new List<LegSuccess>();
        var failed = new List<LegFailure>();
        foreach (LegEntry leg in stored.Legs)
        {
            if (leg.State == LegState.Succeeded)
            {
                succeeded.Add(new LegSuccess(leg.Target, "recorded"));
            }
            else
            {
                failed.Add(new LegFailure(leg.Target, leg.LastError ?? leg.State.ToString(), leg.State));
            }
        }

        return new MultiWriteResult(stored.WriteId, succeeded, failed, stored.CreatedAt, stored.Status) { Replayed = true };
    }

    private sealed class Unrecorded(WriteIntent outcome)
    {
        public WriteIntent Outcome { get; } = outcome;

        public Task Recording { get; set; } = Task.CompletedTask;
    }
}
