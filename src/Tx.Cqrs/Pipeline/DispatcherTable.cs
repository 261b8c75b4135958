using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Tx.Cqrs.Pipeline;

/// <summary>
/// A read-only open-addressing map from a message's runtime type to its dispatcher, built once per bus.
/// Keys are compared by reference (each runtime type has exactly one <see cref="Type"/> object) and hashed
/// by their method table pointer, which is cheaper than a <see cref="Dictionary{TKey, TValue}"/> lookup
/// with the default comparer's virtual <c>Equals</c>/<c>GetHashCode</c>.
/// </summary>
internal sealed class DispatcherTable
{
    private readonly Entry[] _entries;
    private readonly int _mask;

    public DispatcherTable(IReadOnlyCollection<KeyValuePair<Type, object>> items)
    {
        int capacity = 4;
        while (capacity < items.Count * 2)
        {
            capacity *= 2;
        }

        _entries = new Entry[capacity];
        _mask = capacity - 1;
        foreach (KeyValuePair<Type, object> item in items)
        {
            int i = Hash(item.Key) & _mask;
            while (_entries[i].Key is not null)
            {
                Debug.Assert(!ReferenceEquals(_entries[i].Key, item.Key), "Duplicate message type.");
                i = (i + 1) & _mask;
            }

            _entries[i] = new Entry(item.Key, item.Value);
        }

        Count = items.Count;
    }

    public int Count { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object? Find(Type type)
    {
        Entry[] entries = _entries;
        int i = Hash(type) & _mask;
        while (true)
        {
            ref readonly Entry entry = ref entries[i];
            if (ReferenceEquals(entry.Key, type))
            {
                return entry.Value;
            }

            if (entry.Key is null)
            {
                return null;
            }

            i = (i + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(Type type)
    {
        // Method tables are 8-byte aligned; Fibonacci hashing spreads the remaining bits.
        ulong handle = (ulong)type.TypeHandle.Value;
        return (int)((handle * 0x9E3779B97F4A7C15UL) >> 40);
    }

    private readonly record struct Entry(Type? Key, object? Value);
}
