using System.Diagnostics;

namespace Tx.Messaging.InProcess;

/// <summary>
/// A bounded partition log: a ring of the last <c>capacity</c> records between offsets
/// <see cref="Start"/> (oldest retained) and <see cref="End"/> (next to be written).
/// </summary>
internal sealed class InProcessPartition
{
    private readonly Lock _lock = new();
    private readonly InProcessRecord?[] _ring;
    private readonly InProcessTopic _topic;
    private long _start;
    private long _end;
    private TaskCompletionSource? _spaceWaiter;
    private InProcessConsumer[] _listeners = [];

    public InProcessPartition(InProcessTopic topic, int id, int capacity)
    {
        _topic = topic;
        Id = id;
        _ring = new InProcessRecord?[capacity];
    }

    public int Id { get; }

    public long Start
    {
        get
        {
            lock (_lock)
            {
                return _start;
            }
        }
    }

    public long End => Volatile.Read(ref _end);

    /// <summary>Appends, or returns a task that completes when space may be available.</summary>
    public bool TryAppend(InProcessRecord record, out long offset, out Task? spaceAvailable)
    {
        lock (_lock)
        {
            if (_end - _start == _ring.Length)
            {
                long floor = _topic.GetActiveFloor(Id);
                if (floor <= _start)
                {
                    // The slowest running group still needs the oldest record: make the producer wait.
                    _spaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    spaceAvailable = _spaceWaiter.Task;
                    offset = -1;
                    return false;
                }

                _ring[_start % _ring.Length] = null;
                _start++;
            }

            offset = _end;
            record.Offset = offset;
            Volatile.Write(ref _ring[offset % _ring.Length], record);
            Volatile.Write(ref _end, offset + 1);
        }

        spaceAvailable = null;
        return true;
    }

    /// <summary>
    /// Copies up to <paramref name="buffer"/>.Length records from <paramref name="position"/> on, without
    /// the lock; moves <paramref name="position"/> to <see cref="Start"/> first if it was trimmed.
    /// </summary>
    public int Read(ref long position, InProcessRecord[] buffer)
    {
        long end = Volatile.Read(ref _end);
        if (position >= end)
        {
            return 0;
        }

        // Records are immutable once published (slot written, then End), so a reader never blocks the
        // producer. A slot that was trimmed meanwhile holds null or a newer record: its offset tells.
        InProcessRecord?[] ring = _ring;
        int count = (int)Math.Min(buffer.Length, end - position);
        for (int i = 0; i < count; i++)
        {
            InProcessRecord? record = Volatile.Read(ref ring[(position + i) % ring.Length]);
            if (record is null || record.Offset != position + i)
            {
                return i > 0 ? i : ReadTrimmed(ref position, buffer);
            }

            buffer[i] = record;
        }

        return count;
    }

    /// <summary>Registers a group member that reads this partition, to be woken when a record is appended.</summary>
    public void AddListener(InProcessConsumer consumer)
    {
        lock (_lock)
        {
            _listeners = [.. _listeners, consumer];
        }

        // Published with a full fence before the member reads the partition (see WakeListeners).
        Interlocked.MemoryBarrier();
    }

    public void RemoveListener(InProcessConsumer consumer)
    {
        lock (_lock)
        {
            _listeners = Array.FindAll(_listeners, c => c != consumer);
        }
    }

    /// <summary>Wakes the members that read this partition and are parked; called after an append.</summary>
    public void WakeListeners()
    {
        // The append (End) must be visible before the listeners' armed flags are read: with the fence on
        // the member's side (arm, then read End) one of the two always sees the other.
        Interlocked.MemoryBarrier();
        foreach (InProcessConsumer consumer in Volatile.Read(ref _listeners))
        {
            consumer.Wake();
        }
    }

    /// <summary>Wakes producers waiting for space after a group committed or stopped.</summary>
    public void SignalSpace()
    {
        if (Volatile.Read(ref _spaceWaiter) is null)
        {
            return;
        }

        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _spaceWaiter;
            _spaceWaiter = null;
        }

        waiter?.TrySetResult();
    }

    private int ReadTrimmed(ref long position, InProcessRecord[] buffer)
    {
        lock (_lock)
        {
            if (position < _start)
            {
                position = _start;
            }

            int count = (int)Math.Min(buffer.Length, _end - position);
            for (int i = 0; i < count; i++)
            {
                InProcessRecord? record = _ring[(position + i) % _ring.Length];
                Debug.Assert(record is not null && record.Offset == position + i, "Records between start and end are retained.");
                buffer[i] = record;
            }

            return Math.Max(count, 0);
        }
    }
}
