using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tx.Messaging.Consuming;
using Tx.Messaging.Transport;

namespace Tx.Messaging.InProcess;

/// <summary>
/// A member of an in-process consumer group: reads its assigned partitions round-robin, in offset order,
/// a batch of records per partition lock. It parks only when none of its partitions has a record, and
/// only producers appending to one of its partitions wake it.
/// </summary>
internal sealed class InProcessConsumer : IMessageConsumer
{
    private const int BatchSize = 64;

    private readonly InProcessGroup _group;
    private readonly InProcessWakeSignal _signal = new();
    private readonly InProcessKeyCache _keys = new();

    // Records copied from one partition at once (descriptions and bytes), handed out one by one.
    private readonly InProcessEntry[] _buffer = new InProcessEntry[BatchSize];
    private byte[] _bufferData = new byte[16 * 1024];
    private long _bufferOffset;
    private int _buffered;
    private int _bufferIndex;
    private Slot? _bufferSlot;
    private Slot[] _slots = [];
    private int _generation = -1;
    private int _next;
    private CancellationToken _registeredToken;
    private CancellationTokenRegistration _registration;
    private volatile bool _disposed;

    public InProcessConsumer(InProcessBroker broker, ConsumerSubscription subscription)
    {
        Topics = [.. subscription.Topics.Distinct(StringComparer.Ordinal)];
        AutoOffsetReset = subscription.AutoOffsetReset;
        _group = broker.GetOrCreateGroup(subscription.GroupId);
        _group.Join(this);
    }

    public string[] Topics { get; }

    public AutoOffsetReset AutoOffsetReset { get; }

    /// <summary>Gets the number of messages this member has taken (diagnostics: compare with <see cref="Parks"/>).</summary>
    public long Taken { get; private set; }

    /// <summary>Gets the number of times this member found no record and parked until woken (diagnostics).</summary>
    public long Parks { get; private set; }

    /// <summary>Gets the number of key lookups answered from this member's key cache (diagnostics).</summary>
    public long KeyCacheHits => _keys.Hits;

    public ValueTask<ConsumedMessage> ConsumeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return TryTake(out ConsumedMessage? message) ? new ValueTask<ConsumedMessage>(message) : WaitAndTakeAsync(cancellationToken);
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

        // Almost always the message came from the batch being handed out.
        if (_bufferSlot is { } current && current.Owns(message))
        {
            current.State.Commit(current.Partition, message.Offset + 1);
            return;
        }

        foreach (Slot slot in _slots)
        {
            if (slot.Owns(message))
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
            lags[i] = new ConsumerLag(slot.State.Topic.Name, slot.Partition, Math.Max(0, slot.Log.End - slot.State.GetCommitted(slot.Partition)));
        }

        return lags;
    }

    /// <summary>Wakes the member if it is parked (a record was appended to one of its partitions, or the group changed).</summary>
    public void Wake() => _signal.Set();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _group.Leave(this);
        foreach (Slot slot in Volatile.Read(ref _slots))
        {
            slot.Log.RemoveListener(this);
        }

        _registration.Dispose();
        _signal.Set();
    }

    // Pooled: a member that parks after every batch reuses the same state machine box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ConsumedMessage> WaitAndTakeAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled && !cancellationToken.Equals(_registeredToken))
        {
            // Hosted loops pass the same stopping token every time: register it once, not per wait.
            _registration.Dispose();
            _registeredToken = cancellationToken;
            _registration = cancellationToken.UnsafeRegister(static signal => ((InProcessWakeSignal)signal!).Set(), _signal);
        }

        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            if (TryTake(out ConsumedMessage? message))
            {
                return message;
            }

            // Arm, then look again: a record appended in between is either seen here or wakes us.
            _signal.Arm();
            bool found = TryTake(out message);
            if (found || cancellationToken.IsCancellationRequested || _disposed)
            {
                if (_signal.Disarm())
                {
                    // A wake-up already fired for this wait: consume it before the signal is reused.
                    await _signal.WaitAsync().ConfigureAwait(false);
                }

                if (found)
                {
                    return message!;
                }

                continue;
            }

            Parks++;
            await _signal.WaitAsync().ConfigureAwait(false);
        }
    }

    private bool TryTake([NotNullWhen(true)] out ConsumedMessage? message)
    {
        if (_group.Generation != _generation)
        {
            Reassign();
        }

        if (_bufferIndex == _buffered && !Fill())
        {
            message = null;
            return false;
        }

        Slot slot = _bufferSlot!;
        long offset = _bufferOffset + _bufferIndex;
        message = InProcessRecordCodec.Decode(slot.State.Topic.Name, slot.Partition, offset, in _buffer[_bufferIndex++], _bufferData, _keys);
        Taken++;
        slot.Position = offset + 1;
        return true;
    }

    private bool Fill()
    {
        // Partitions take turns, a batch each, so a busy partition cannot starve the others.
        Slot[] slots = _slots;
        int count = slots.Length;
        for (int i = 0; i < count; i++)
        {
            int index = (_next + i) % count;
            Slot slot = slots[index];
            long position = slot.Position;
            int read = slot.Log.Read(ref position, _buffer, ref _bufferData);
            if (read > 0)
            {
                _bufferOffset = position;
                _bufferSlot = slot;
                _buffered = read;
                _bufferIndex = 0;
                _next = index + 1;
                return true;
            }
        }

        return false;
    }

    private void Reassign()
    {
        // Messages are handled one at a time and stored before the next is taken, so every position
        // equals its committed offset here: resuming from the committed offsets loses nothing.
        (List<(InProcessGroupTopic State, int Partition)> assignment, int generation) = _group.GetAssignment(this);
        foreach (Slot old in _slots)
        {
            old.Log.RemoveListener(this);
        }

        var slots = new Slot[assignment.Count];
        for (int i = 0; i < slots.Length; i++)
        {
            (InProcessGroupTopic state, int partition) = assignment[i];
            slots[i] = new Slot(state, partition) { Position = state.GetCommitted(partition) };
            slots[i].Log.AddListener(this);
        }

        // Listening before reading: an append either sees this member as a listener or is seen by the
        // next read (AddListener publishes with a full fence).
        Volatile.Write(ref _slots, slots);
        _generation = generation;
        _next = 0;
        _buffered = 0;
        _bufferIndex = 0;
        _bufferSlot = null;
    }

    private sealed class Slot(InProcessGroupTopic state, int partition)
    {
        public InProcessGroupTopic State { get; } = state;

        public int Partition { get; } = partition;

        public InProcessPartition Log { get; } = state.Topic.Partitions[partition];

        public long Position;

        public bool Owns(ConsumedMessage message) =>
            Partition == message.Partition && string.Equals(State.Topic.Name, message.Topic, StringComparison.Ordinal);
    }
}
