using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// The partitioned limiter's key table for ordinal string keys (client IPs, API keys): open addressing over an array
/// of windows, each window carrying its own key and hash, so a lookup reads the slot and then the window it decides
/// on (a <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/> reads a node in between).
/// Lookups take no lock; inserts, removals and rebuilds take one. A window is never moved or relinked: a rebuild
/// copies references into a new array, so a lookup on the old array still finds only whole windows.
/// </summary>
/// <remarks>
/// Hash flooding: keys are attacker-controlled. Hashes start as a fast hash keyed with a random 64-bit seed per table.
/// When an insert walks more than <see cref="CollisionThreshold"/> occupied slots, the table switches for good to the
/// runtime's randomized string hash (<see cref="string.GetHashCode()"/>, Marvin with a per-process random key) and
/// rebuilds: the protection <see cref="Dictionary{TKey, TValue}"/> and
/// <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/> apply to their non-randomized string
/// comparer. The threshold counts occupied slots, not equal hashes, so keys that only share low bits trigger it too.
/// </remarks>
internal sealed class StringWindowTable
{
    /// <summary>The longest probe an insert accepts before it switches to the randomized hash (as the runtime's dictionaries).</summary>
    public const int CollisionThreshold = 100;

    private const int MinimumCapacity = 16;

    // Marks a removed key's slot, so probes for keys placed after it keep walking.
    private static readonly SlidingWindow s_removed = new SlidingWindowCounter(1, 1);

    private readonly Lock _sync = new();
    private volatile Snapshot _snapshot;
    private int _count;
    private int _removed;

    public StringWindowTable()
        : this(RandomSeed())
    {
    }

    /// <summary>Initializes a table with a chosen seed (tests build flooding keys with it).</summary>
    internal StringWindowTable(ulong seed)
    {
        _snapshot = new Snapshot(new SlidingWindow?[MinimumCapacity], seed, randomized: false);
    }

    /// <summary>Gets a value indicating whether the table hashes with the randomized string hash (after a flood).</summary>
    public bool IsRandomized => _snapshot.Randomized;

    /// <summary>Gets the number of keys in the table.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets the number of slots.</summary>
    public int Capacity => _snapshot.Slots.Length;

    /// <summary>Finds the window of <paramref name="key"/> without a lock; <see langword="null"/> when absent.</summary>
    /// <remarks>A lookup racing with a rebuild may miss a key that is present: callers then take the locked path
    /// (<see cref="GetOrAdd"/>), which finds it. It never returns another key's window.</remarks>
    public SlidingWindow? Find(string key)
    {
        Snapshot snapshot = _snapshot;
        SlidingWindow?[] slots = snapshot.Slots;
        int hash = snapshot.Hash(key);
        int mask = slots.Length - 1;
        int index = hash & mask;
        while (true)
        {
            SlidingWindow? window = Volatile.Read(ref slots[index]);
            if (window is null)
            {
                return null;
            }

            if (window.TableHash == hash && string.Equals(window.TableKey, key))
            {
                return window;
            }

            index = (index + 1) & mask;
        }
    }

    /// <summary>Finds the window of <paramref name="key"/> under the lock: never misses a present key.</summary>
    public SlidingWindow? FindLocked(string key)
    {
        lock (_sync)
        {
            return Find(key);
        }
    }

    /// <summary>Returns the window of <paramref name="key"/>, adding <paramref name="created"/> when there is none.</summary>
    public SlidingWindow GetOrAdd(string key, SlidingWindow created)
    {
        lock (_sync)
        {
            while (true)
            {
                Snapshot snapshot = _snapshot;
                SlidingWindow?[] slots = snapshot.Slots;
                int hash = snapshot.Hash(key);
                int mask = slots.Length - 1;
                int index = hash & mask;
                int free = -1;
                int probes = 0;
                SlidingWindow? window;
                while ((window = slots[index]) is not null)
                {
                    if (ReferenceEquals(window, s_removed))
                    {
                        if (free < 0)
                        {
                            free = index;
                        }
                    }
                    else if (window.TableHash == hash && string.Equals(window.TableKey, key))
                    {
                        return window;
                    }

                    index = (index + 1) & mask;
                    probes++;
                }

                if (probes > CollisionThreshold && !snapshot.Randomized)
                {
                    Rebuild(slots.Length, randomized: true);
                    continue;
                }

                if (free < 0 && (_count + _removed + 1) * 2 > slots.Length)
                {
                    // Keep at least half the slots empty (so every probe ends): grow, or just sweep out removed slots.
                    Rebuild(CapacityFor(_count + 1), snapshot.Randomized);
                    continue;
                }

                created.TableKey = key;
                created.TableHash = hash;
                if (free >= 0)
                {
                    index = free;
                    _removed--;
                }

                // Published after its key and hash: a lookup that sees the window sees them.
                Volatile.Write(ref slots[index], created);
                _count++;
                return created;
            }
        }
    }

    /// <summary>Removes <paramref name="window"/> when it is still in the table.</summary>
    /// <returns>Whether it was removed.</returns>
    public bool Remove(SlidingWindow window)
    {
        if (window.TableKey is not { } key)
        {
            return false;
        }

        lock (_sync)
        {
            SlidingWindow?[] slots = _snapshot.Slots;
            int mask = slots.Length - 1;
            int index = window.TableHash & mask;
            SlidingWindow? current;
            while ((current = slots[index]) is not null)
            {
                if (ReferenceEquals(current, window))
                {
                    Volatile.Write(ref slots[index], s_removed);
                    _count--;
                    _removed++;
                    if (_count * 8 < slots.Length && slots.Length > MinimumCapacity)
                    {
                        // Mostly empty after a burst of keys: give the memory back.
                        Rebuild(CapacityFor(_count), _snapshot.Randomized);
                    }

                    return true;
                }

                if (!ReferenceEquals(current, s_removed) && current.TableHash == window.TableHash && string.Equals(current.TableKey, key))
                {
                    // The key has another window now.
                    return false;
                }

                index = (index + 1) & mask;
            }

            return false;
        }
    }

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _snapshot = new Snapshot(new SlidingWindow?[MinimumCapacity], _snapshot.Seed, _snapshot.Randomized);
            _count = 0;
            _removed = 0;
        }
    }

    /// <summary>Copies the windows present now into <paramref name="into"/> (cleared first).</summary>
    public void CopyWindows(List<SlidingWindow> into)
    {
        into.Clear();
        foreach (SlidingWindow? window in _snapshot.Slots)
        {
            if (window is not null && !ReferenceEquals(window, s_removed))
            {
                into.Add(window);
            }
        }
    }

    private static int CapacityFor(int count) => Math.Max(MinimumCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, count) * 4));

    private static ulong RandomSeed()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    // Under the lock. Windows keep their identity; only their slots change. Hashes are recomputed for the new mode.
    private void Rebuild(int capacity, bool randomized)
    {
        Snapshot old = _snapshot;
        Snapshot next = new(new SlidingWindow?[capacity], randomized ? 0 : old.Seed, randomized);
        int mask = capacity - 1;
        foreach (SlidingWindow? window in old.Slots)
        {
            if (window is null || ReferenceEquals(window, s_removed))
            {
                continue;
            }

            // Lookups on the old array compare the old hash: they may now miss this window and take the locked path.
            int hash = next.Hash(window.TableKey!);
            window.TableHash = hash;
            int index = hash & mask;
            while (next.Slots[index] is not null)
            {
                index = (index + 1) & mask;
            }

            next.Slots[index] = window;
        }

        _removed = 0;
        _snapshot = next;
    }

    /// <summary>
    /// A fast keyed hash: two interleaved rotate-add-xor lanes over the string's UTF-16 code units, two units per
    /// step (the shape of the runtime's non-randomized string hash), started from the table's seed and mixed at the end.
    /// Not collision-resistant on its own: the flooding guard is the switch to the randomized hash.
    /// </summary>
    internal static int FastHash(string key, ulong seed)
    {
        uint hash1 = (uint)seed;
        uint hash2 = (uint)(seed >> 32);
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(key.AsSpan()));
        int length = key.Length;
        int offset = 0;
        for (; offset + 4 <= length; offset += 4)
        {
            hash1 = (BitOperations.RotateLeft(hash1, 5) + hash1) ^ Unsafe.ReadUnaligned<uint>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref start, offset)));
            hash2 = (BitOperations.RotateLeft(hash2, 5) + hash2) ^ Unsafe.ReadUnaligned<uint>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref start, offset + 2)));
        }

        if (offset + 2 <= length)
        {
            hash1 = (BitOperations.RotateLeft(hash1, 5) + hash1) ^ Unsafe.ReadUnaligned<uint>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref start, offset)));
            offset += 2;
        }

        if (offset < length)
        {
            hash2 = (BitOperations.RotateLeft(hash2, 5) + hash2) ^ Unsafe.Add(ref start, offset);
        }

        // Mix the lanes and the length so that the low bits (the slot) depend on every unit.
        uint hash = (hash1 + (hash2 * 1_566_083_941u)) ^ (uint)length;
        hash ^= hash >> 15;
        hash *= 0x2C1B3C6Du;
        hash ^= hash >> 12;
        return (int)hash;
    }

    private sealed class Snapshot(SlidingWindow?[] slots, ulong seed, bool randomized)
    {
        public readonly SlidingWindow?[] Slots = slots;
        public readonly ulong Seed = seed;
        public readonly bool Randomized = randomized;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Hash(string key) => Randomized ? key.GetHashCode() : FastHash(key, Seed);
    }
}
