using System.Text;

namespace Tx.Messaging.InProcess;

/// <summary>
/// One consumer's cache of decoded keys: keys repeat (one aggregate's events share its key), so the
/// string for a key's UTF-8 bytes is made once and handed out again. Direct-mapped by a hash of the
/// bytes; a key is admitted on its second sighting in its slot, so unique keys cost one hash and never
/// evict the repeating ones (nor allocate a cache entry). Not thread-safe: one per consumer.
/// </summary>
internal sealed class InProcessKeyCache
{
    /// <summary>Keys longer than this (in UTF-8 bytes) are decoded every time.</summary>
    public const int MaxCachedLength = 64;

    private const int Slots = 1024;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>Gets the number of lookups answered from the cache (for tests and diagnostics).</summary>
    public long Hits { get; private set; }

    /// <summary>Gets the string for the UTF-8 <paramref name="utf8"/> key.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hasher = default(HashCode);
        hasher.AddBytes(utf8);
        int hash = hasher.ToHashCode();
        ref Entry entry = ref _entries[hash & (Slots - 1)];
        if (entry.Value is not null && entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
        {
            Hits++;
            return entry.Value;
        }

        string value = Encoding.UTF8.GetString(utf8);
        if (entry.Pending == hash)
        {
            // Second sighting in this slot: keep it (a key that repeats replaces the one cached here).
            entry.Hash = hash;
            entry.Utf8 = utf8.ToArray();
            entry.Value = value;
            entry.Pending = 0;
        }
        else
        {
            // First sighting: remember only the hash; the cached key stays.
            entry.Pending = hash;
        }

        return value;
    }

    private struct Entry
    {
        public int Hash;
        public int Pending;
        public byte[]? Utf8;
        public string? Value;
    }
}
