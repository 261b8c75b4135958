using System.Text;

namespace Tx.Messaging.InProcess;

/// <summary>
/// Decodes UTF-8 header names and values, reusing the string when the same short ASCII text comes again
/// (event type names, versions, header names). A text is kept only on its second sighting in its slot,
/// so unique values (correlation ids) never enter the cache and never outlive their message.
/// Used by one consumer at a time (not thread-safe).
/// </summary>
internal sealed class InProcessStringCache
{
    private const int Slots = 256;
    private const int MaxCachedLength = 64;

    private readonly string?[] _strings = new string?[Slots];
    private readonly uint[] _lastMiss = new uint[Slots];

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

        uint hash = Hash(utf8);
        int slot = (int)(hash % Slots);
        string? cached = _strings[slot];
        if (cached is not null && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        string text = Encoding.UTF8.GetString(utf8);
        if (_lastMiss[slot] == hash && Ascii.IsValid(utf8))
        {
            _strings[slot] = text;
        }
        else
        {
            _lastMiss[slot] = hash;
        }

        return text;
    }

    // FNV-1a: the texts are short, and a collision only costs a miss.
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        uint hash = 2166136261;
        foreach (byte b in utf8)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash | 1;
    }
}
