using System.Buffers.Binary;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Tx.Messaging.InProcess;

/// <summary>
/// The headers of a consumed in-process message, kept as their encoded bytes (a slice of the message's
/// own copy, see <see cref="InProcessRecordCodec"/>) and decoded only when read: a lookup decodes just the
/// value it finds; enumerating decodes all of them once. A handler that reads no header pays no string.
/// </summary>
internal sealed class InProcessHeaders : IReadOnlyDictionary<string, string>
{
    public static readonly InProcessHeaders Empty = new([]);

    private readonly byte[] _data;
    private readonly int _start;
    private readonly int _length;
    private KeyValuePair<string, string>[]? _items;

    /// <summary>Initializes headers over encoded bytes (name length, name, value length, value; repeated).</summary>
    public InProcessHeaders(byte[] data, int start, int length, int count)
    {
        _data = data;
        _start = start;
        _length = length;
        Count = count;
    }

    /// <summary>Initializes decoded headers.</summary>
    public InProcessHeaders(KeyValuePair<string, string>[] items)
    {
        _data = [];
        _items = items;
        Count = items.Length;
    }

    public int Count { get; }

    public IEnumerable<string> Keys => Items.Select(static i => i.Key);

    public IEnumerable<string> Values => Items.Select(static i => i.Value);

    private KeyValuePair<string, string>[] Items => Volatile.Read(ref _items) ?? Decode();

    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"Header '{key}' is not present.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Volatile.Read(ref _items) is { } items)
        {
            foreach (KeyValuePair<string, string> item in items)
            {
                if (string.Equals(item.Key, key, StringComparison.Ordinal))
                {
                    value = item.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        ReadOnlySpan<byte> encoded = _data.AsSpan(_start, _length);
        int position = 0;
        for (int i = 0; i < Count; i++)
        {
            ReadOnlySpan<byte> name = ReadField(encoded, ref position);
            ReadOnlySpan<byte> field = ReadField(encoded, ref position);
            if (NameEquals(name, key))
            {
                value = field.IsEmpty ? string.Empty : Encoding.UTF8.GetString(field);
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Items.GetEnumerator();

    private static bool NameEquals(ReadOnlySpan<byte> name, string key) =>
        Ascii.Equals(name, key) || (!Ascii.IsValid(name) && string.Equals(Encoding.UTF8.GetString(name), key, StringComparison.Ordinal));

    private static ReadOnlySpan<byte> ReadField(ReadOnlySpan<byte> encoded, ref int position)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(encoded[position..]);
        ReadOnlySpan<byte> field = encoded.Slice(position + 4, length);
        position += 4 + length;
        return field;
    }

    private KeyValuePair<string, string>[] Decode()
    {
        // Decoding twice on a race is harmless: both results are equal and either may win.
        ReadOnlySpan<byte> encoded = _data.AsSpan(_start, _length);
        var items = new KeyValuePair<string, string>[Count];
        int position = 0;
        for (int i = 0; i < items.Length; i++)
        {
            string name = Encoding.UTF8.GetString(ReadField(encoded, ref position));
            items[i] = new(name, Encoding.UTF8.GetString(ReadField(encoded, ref position)));
        }

        Volatile.Write(ref _items, items);
        return items;
    }
}
