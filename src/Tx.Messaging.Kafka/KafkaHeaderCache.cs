using System.Text;
using Confluent.Kafka;

namespace Tx.Messaging.Kafka;

/// <summary>
/// Encoded Kafka headers for repeated (name, value) pairs, such as event type names and versions: the
/// UTF-8 bytes and the <see cref="Header"/> around them are made once and shared (librdkafka copies them
/// into its own message, nothing writes to them). A pair is kept only on its second sighting in its slot,
/// so unique values (correlation ids, trace parents) are encoded per message and never pile up here.
/// Thread-safe: entries are immutable and replaced whole.
/// </summary>
internal sealed class KafkaHeaderCache
{
    private const int Slots = 512;
    private const int MaxCachedLength = 128;

    private readonly Entry?[] _entries = new Entry?[Slots];
    private readonly int[] _lastMiss = new int[Slots];

    /// <summary>Gets the process-wide cache.</summary>
    public static KafkaHeaderCache Shared { get; } = new();

    public Header Get(string name, string value)
    {
        if (value.Length > MaxCachedLength)
        {
            return new Header(name, Encoding.UTF8.GetBytes(value));
        }

        int hash = HashCode.Combine(name.GetHashCode(StringComparison.Ordinal), value.GetHashCode(StringComparison.Ordinal)) | 1;
        int slot = hash & (Slots - 1);
        Entry? entry = Volatile.Read(ref _entries[slot]);
        if (entry is not null && entry.Hash == hash && string.Equals(entry.Value, value, StringComparison.Ordinal) && string.Equals(entry.Name, name, StringComparison.Ordinal))
        {
            return entry.Header;
        }

        var header = new Header(name, Encoding.UTF8.GetBytes(value));
        if (Volatile.Read(ref _lastMiss[slot]) == hash)
        {
            Volatile.Write(ref _entries[slot], new Entry(hash, name, value, header));
        }
        else
        {
            Volatile.Write(ref _lastMiss[slot], hash);
        }

        return header;
    }

    private sealed class Entry(int hash, string name, string value, Header header)
    {
        public int Hash { get; } = hash;

        public string Name { get; } = name;

        public string Value { get; } = value;

        public Header Header { get; } = header;
    }
}
