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
            _ring[offset % _ring.Length] = record;
            Volatile.Write(ref _end, offset + 1);
        }

        spaceAvailable = null;
        return true;
    }

    /// <summary>Reads the record at <paramref name="position"/>, moving it to <see cref="Start"/> if it was trimmed.</summary>
    public bool TryRead(ref long position, out InProcessRecord? record)
    {
        if (position >= Volatile.Read(ref _end))
        {
            record = null;
            return false;
        }

        lock (_lock)
        {
            if (position < _start)
            {
                position = _start;
            }

            if (position >= _end)
            {
                record = null;
                return false;
            }

            record = _ring[position % _ring.Length];
            Debug.Assert(record is not null && record.Offset == position, "Records between start and end are retained.");
            return true;
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
}
