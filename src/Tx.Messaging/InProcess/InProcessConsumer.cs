using System.Diagnostics.CodeAnalysis;
using Tx.Messaging.Consuming;
using Tx.Messaging.Transport;

namespace Tx.Messaging.InProcess;

/// <summary>A member of an in-process consumer group: reads its assigned partitions round-robin, in offset order.</summary>
internal sealed class InProcessConsumer : IMessageConsumer
{
    private readonly InProcessGroup _group;
    private readonly SemaphoreSlim _signal = new(0);
    private Slot[] _slots = [];
    private int _generation = -1;
    private int _next;
    private int _waiting;
    private bool _disposed;

    public InProcessConsumer(InProcessBroker broker, ConsumerSubscription subscription)
    {
        Topics = [.. subscription.Topics.Distinct(StringComparer.Ordinal)];
        AutoOffsetReset = subscription.AutoOffsetReset;
        _group = broker.GetOrCreateGroup(subscription.GroupId);
        _group.Join(this);
    }

    public string[] Topics { get; }

    public AutoOffsetReset AutoOffsetReset { get; }

    public async ValueTask<ConsumedMessage> ConsumeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryTake(out ConsumedMessage? message))
            {
                return message;
            }

            // Announce the wait, then look again so a message appended in between is not missed.
            Volatile.Write(ref _waiting, 1);
            if (TryTake(out message))
            {
                if (Interlocked.Exchange(ref _waiting, 0) == 0)
                {
                    _signal.Wait(0, CancellationToken.None);
                }

                return message;
            }

            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void StoreOffset(ConsumedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // A commit from an older generation is dropped: the partition may belong to another member now
        // (or its offset was reset), and the message will be delivered again, which is at-least-once.
        if (_group.Generation != _generation)
        {
            return;
        }

        foreach (Slot slot in _slots)
        {
            if (slot.Partition == message.Partition && string.Equals(slot.State.Topic.Name, message.Topic, StringComparison.Ordinal))
            {
                slot.State.Commit(slot.Partition, message.Offset + 1);
                return;
            }
        }
    }

    public IReadOnlyList<ConsumerLag> GetLag()
    {
        Slot[] slots = Volatile.Read(ref _slots);
        var lags = new ConsumerLag[slots.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            Slot slot = slots[i];
            long end = slot.State.Topic.Partitions[slot.Partition].End;
            lags[i] = new ConsumerLag(slot.State.Topic.Name, slot.Partition, Math.Max(0, end - slot.State.GetCommitted(slot.Partition)));
        }

        return lags;
    }

    public void Wake()
    {
        if (Volatile.Read(ref _waiting) == 1 && Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            _signal.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _group.Leave(this);
        _signal.Dispose();
    }

    private bool TryTake([NotNullWhen(true)] out ConsumedMessage? message)
    {
        if (_group.Generation != _generation)
        {
            Reassign();
        }

        Slot[] slots = _slots;
        int count = slots.Length;
        for (int i = 0; i < count; i++)
        {
            int index = (_next + i) % count;
            Slot slot = slots[index];
            if (slot.State.Topic.Partitions[slot.Partition].TryRead(ref slot.Position, out InProcessRecord? record))
            {
                slot.Position = record!.Offset + 1;
                _next = index + 1;
                message = new ConsumedMessage(slot.State.Topic.Name, slot.Partition, record.Offset, record.Key, record.Value, record.Headers, record.Timestamp);
                return true;
            }
        }

        message = null;
        return false;
    }

    private void Reassign()
    {
        // Messages are handled one at a time and stored before the next is taken, so every position
        // equals its committed offset here: resuming from the committed offsets loses nothing.
        (List<(InProcessGroupTopic State, int Partition)> assignment, int generation) = _group.GetAssignment(this);
        var slots = new Slot[assignment.Count];
        for (int i = 0; i < slots.Length; i++)
        {
            (InProcessGroupTopic state, int partition) = assignment[i];
            slots[i] = new Slot(state, partition) { Position = state.GetCommitted(partition) };
        }

        Volatile.Write(ref _slots, slots);
        _generation = generation;
        _next = 0;
    }

    private sealed class Slot(InProcessGroupTopic state, int partition)
    {
        public InProcessGroupTopic State { get; } = state;

        public int Partition { get; } = partition;

        public long Position;
    }
}
