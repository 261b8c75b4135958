using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tx.Messaging.InProcess;

/// <summary>
/// A bounded partition log: the last <c>capacity</c> records between offsets <see cref="Start"/> (oldest
/// retained) and <see cref="End"/> (next to be written). Records are kept as bytes in a ring
/// (<see cref="InProcessEntry"/> structs plus one byte array, both growing by doubling up to what
/// retention needs), not as objects: a retained record is never traced, copied or promoted by the garbage
/// collector, however long it stays. Readers copy records out without the lock and validate the copy
/// against <see cref="Start"/> afterwards (a seqlock), so a descheduled reader never blocks the producer.
/// </summary>
internal sealed class InProcessPartition
{
    private const int InitialEntries = 256;
    private const int InitialData = 16 * 1024;
    private const int CacheLine = 64;

    private readonly InProcessTopic _topic;
    private readonly int _capacity;
    private InProcessEntry[] _entries;
    private byte[] _data;
    private long _start;
    private long _end;
    private long _dataEnd;
    private long _oldestDataBound;
    private TaskCompletionSource? _spaceWaiter;
    private InProcessConsumer[] _listeners = [];

    // The append lock (1 = held), a spin lock: an append holds it for a copy of a few hundred bytes. Taking
    // it is one interlocked instruction; an append releases it with a second one that is also the fence
    // between publishing End and reading the listeners' armed flags (see TryAppend); every other holder
    // releases with a plain store. (System.Threading.Lock costs an interlocked instruction on each side,
    // and the wake-up needed a third.)
    private int _lock;

    public InProcessPartition(InProcessTopic topic, int id, int capacity)
    {
        _topic = topic;
        Id = id;
        _capacity = capacity;
        _entries = new InProcessEntry[Math.Min(InitialEntries, (int)BitOperations.RoundUpToPowerOf2((uint)capacity))];
        _data = new byte[InitialData];
    }

    public int Id { get; }

    public long Start => Volatile.Read(ref _start);

    public long End => Volatile.Read(ref _end);

    /// <summary>Gets or sets a callback run (under the append lock) when an append has found the partition full and is about to wait; a test seam for the race with a commit.</summary>
    internal Action? BeforeWaiting { get; set; }

    /// <summary>Gets the length of the byte ring (grows by doubling; for tests).</summary>
    internal int DataCapacity => Volatile.Read(ref _data).Length;

    /// <summary>
    /// Appends a record (<paramref name="entry"/> describes <paramref name="record"/>, its bytes), or returns a
    /// task that completes when space may be available.
    /// </summary>
    public bool TryAppend(InProcessEntry entry, ReadOnlySpan<byte> record, out long offset, out Task? spaceAvailable)
    {
        Enter();
        try
        {
            long start = _start;
            if (_end - start == _capacity)
            {
                if (_topic.GetActiveFloor(Id) <= start)
                {
                    BeforeWaiting?.Invoke();

                    // The slowest running group still needs the oldest record: make the producer wait.
                    // The waiter is published before the floor is read again, with a process-wide barrier
                    // (an asymmetric Dekker: this rare path pays for it, so a commit — once per message —
                    // needs no fence of its own); a commit writes its offset and then looks for the waiter.
                    // The barrier flushes every other core's pending stores and orders their later loads,
                    // so either this second look sees the commit or the commit sees the waiter.
                    TaskCompletionSource waiter = _spaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Interlocked.MemoryBarrierProcessWide();
                    if (_topic.GetActiveFloor(Id) <= start)
                    {
                        Exit();
                        spaceAvailable = waiter.Task;
                        offset = -1;
                        return false;
                    }
                }

                // Trimmed before its slot or bytes are reused, with a full fence: a reader that copied
                // the overwritten data then sees the new start when it validates (see Read).
                start++;
                Interlocked.Exchange(ref _start, start);
            }

            offset = _end;
            if (offset - start == _entries.Length)
            {
                GrowEntries(start, offset);
            }

            entry.DataStart = Reserve(start, record.Length);
            byte[] data = _data;
            record.CopyTo(data.AsSpan((int)(entry.DataStart & (data.Length - 1))));
            _entries[offset & (_entries.Length - 1)] = entry;
            _dataEnd = entry.DataStart + record.Length;
            Volatile.Write(ref _end, offset + 1);
            PrefetchNext(record.Length);
        }
        catch
        {
            Exit();
            throw;
        }

        // Released with a full fence: End must be visible before the listeners' armed flags are read.
        // With the fence on the member's side (arm, then read End), one of the two always sees the other,
        // so a parked member is never left asleep with a record to read. A running member costs one read.
        Interlocked.Exchange(ref _lock, 0);
        foreach (InProcessConsumer consumer in Volatile.Read(ref _listeners))
        {
            consumer.Wake();
        }

        spaceAvailable = null;
        return true;
    }

    /// <summary>
    /// Copies up to <paramref name="entries"/>.Length records from <paramref name="position"/> on: their
    /// descriptions into <paramref name="entries"/>, their bytes into <paramref name="data"/> (grown when
    /// needed; each copied entry's <see cref="InProcessEntry.DataStart"/> then indexes it). Moves
    /// <paramref name="position"/> to <see cref="Start"/> first if it was trimmed.
    /// </summary>
    public int Read(ref long position, InProcessEntry[] entries, ref byte[] data)
    {
        long end = Volatile.Read(ref _end);
        if (position >= end)
        {
            return 0;
        }

        // Both arrays as of at least the append of end - 1 (they are replaced before End is published).
        int count = Copy(position, (int)Math.Min(entries.Length, end - position), Volatile.Read(ref _entries), Volatile.Read(ref _data), entries, ref data);

        // Validate the copy: the producer trims (with a fence) before it reuses a slot or its bytes, so if
        // position is still retained after this fence, nothing copied was overwritten.
        Interlocked.MemoryBarrier();
        if (count > 0 && position >= Volatile.Read(ref _start))
        {
            return count;
        }

        Enter();
        try
        {
            position = Math.Max(position, _start);
            return Copy(position, (int)Math.Min(entries.Length, _end - position), _entries, _data, entries, ref data);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Registers a group member that reads this partition, to be woken when a record is appended.</summary>
    public void AddListener(InProcessConsumer consumer)
    {
        Enter();
        try
        {
            _listeners = [.. _listeners, consumer];
        }
        finally
        {
            Exit();
        }

        // Published with a full fence before the member reads the partition (see TryAppend).
        Interlocked.MemoryBarrier();
    }

    public void RemoveListener(InProcessConsumer consumer)
    {
        Enter();
        try
        {
            _listeners = Array.FindAll(_listeners, c => c != consumer);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Wakes producers waiting for space after a group committed or stopped.</summary>
    public void SignalSpace()
    {
        // Pairs with the process-wide barrier in TryAppend (asymmetric Dekker): no fence on this side,
        // which runs once per stored offset; the producer that decides to wait pays for both.
        if (Volatile.Read(ref _spaceWaiter) is null)
        {
            return;
        }

        TaskCompletionSource? waiter;
        Enter();
        waiter = _spaceWaiter;
        _spaceWaiter = null;
        Exit();

        waiter?.TrySetResult();
    }

    /// <summary>
    /// Starts loading the cache lines the next append will most likely write (the next entry slot, and
    /// bytes after the last record for one more record of the same length). A retained ring is megabytes
    /// written a whole retention ago, so those lines are cold; without this, the next append's release fence
    /// waits for their misses. A hint only: it never faults and is ignored where unsupported.
    /// </summary>
    private unsafe void PrefetchNext(int length)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        InProcessEntry[] entries = _entries;
        Sse.Prefetch0(Unsafe.AsPointer(ref entries[(_end + 1) & (entries.Length - 1)]));
        byte[] data = _data;
        int from = (int)(_dataEnd & (data.Length - 1));
        int to = Math.Min(from + length + CacheLine, data.Length);
        for (int at = from; at < to; at += CacheLine)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref data[at]));
        }
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _lock, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    private void EnterContended()
    {
        // Spins briefly, then yields and sleeps (SpinWait), so a holder preempted on a busy machine gets the core back.
        SpinWait spinner = default;
        do
        {
            spinner.SpinOnce();
        }
        while (Volatile.Read(ref _lock) != 0 || Interlocked.CompareExchange(ref _lock, 1, 0) != 0);
    }

    // A plain release store: the holder's writes are ordered before it (x64 and Arm64 release semantics).
    private void Exit() => Volatile.Write(ref _lock, 0);

    private static int Copy(long position, int count, InProcessEntry[] ring, byte[] source, InProcessEntry[] entries, ref byte[] data)
    {
        int used = 0;
        for (int i = 0; i < count; i++)
        {
            InProcessEntry entry = ring[(position + i) & (ring.Length - 1)];
            long length = entry.Length;
            long from = entry.DataStart & (source.Length - 1);
            if (length < 0 || from + length > source.Length)
            {
                // Only a copy torn by a concurrent overwrite looks like this; the caller's validation rejects it.
                return i;
            }

            if (used + length > data.Length)
            {
                Array.Resize(ref data, (int)Math.Max(used + length, 2L * data.Length));
            }

            source.AsSpan((int)from, (int)length).CopyTo(data.AsSpan(used));
            entry.DataStart = used;
            entries[i] = entry;
            used += (int)length;
        }

        return count;
    }

    private void GrowEntries(long start, long end)
    {
        InProcessEntry[] old = _entries;
        var grown = new InProcessEntry[old.Length * 2];
        for (long i = start; i < end; i++)
        {
            grown[i & (grown.Length - 1)] = old[i & (old.Length - 1)];
        }

        // Readers still holding the old array find every retained record there unchanged.
        Volatile.Write(ref _entries, grown);
    }

    /// <summary>Finds room for <paramref name="length"/> contiguous bytes after the last record, growing the ring when the retained bytes leave too little.</summary>
    private long Reserve(long start, int length)
    {
        // First against a lower bound of the oldest retained byte (it only moves forward), so the oldest
        // entry — a cold cache line a whole retention behind — is read only when the ring looks full.
        long oldest = _oldestDataBound;
        bool exact = false;
        while (true)
        {
            int size = _data.Length;
            long at = _dataEnd;
            int inBuffer = (int)(at & (size - 1));
            if (inBuffer + length > size)
            {
                // A record never wraps: skip to the start of the ring.
                at += size - inBuffer;
            }

            if (at + length - oldest <= size)
            {
                return at;
            }

            if (!exact)
            {
                oldest = start < _end ? _entries[start & (_entries.Length - 1)].DataStart : _dataEnd;
                _oldestDataBound = oldest;
                exact = true;
                continue;
            }

            GrowData(oldest, checked(size * 2));
        }
    }

    private void GrowData(long oldest, int size)
    {
        byte[] old = _data;
        byte[] grown = new byte[size];

        // The retained bytes keep their absolute positions; a run that does not cross the old ring's end
        // does not cross the new one's either (its length is a multiple of the old one's).
        for (long position = oldest; position < _dataEnd;)
        {
            int from = (int)(position & (old.Length - 1));
            int run = (int)Math.Min(old.Length - from, _dataEnd - position);
            old.AsSpan(from, run).CopyTo(grown.AsSpan((int)(position & (size - 1))));
            position += run;
        }

        Volatile.Write(ref _data, grown);
    }
}
