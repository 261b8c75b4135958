using System.Collections.Concurrent;
using Tx.EventStore.Reading;
using Tx.EventStore.Subscriptions;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Records what a subscription delivers; can hang ("crash") after a number of events or fail once.</summary>
public sealed class RecordingHandler : IEventSubscriptionHandler
{
    private readonly ConcurrentQueue<RecordedEvent> _received = new();
    private int _failuresLeft;

    public int HangAfter { get; init; } = int.MaxValue;

    public int FailFirstBatches
    {
        get => _failuresLeft;
        init => _failuresLeft = value;
    }

    public TaskCompletionSource Hung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<RecordedEvent> Received => [.. _received];

    public int Count => _received.Count;

    public int Batches { get; private set; }

    public async ValueTask HandleAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        Batches++;
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("Simulated publisher outage.");
        }

        foreach (var e in events)
        {
            if (_received.Count >= HangAfter)
            {
                Hung.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            _received.Enqueue(e);
        }
    }
}
