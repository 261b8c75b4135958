using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tx.Messaging.InProcess;

/// <summary>
/// The headers of a consumed in-process message: one array (a <see cref="MessageHeaders"/> costs a list
/// and its array), decoded from the partition's bytes by <see cref="InProcessRecordCodec"/>.
/// </summary>
internal sealed class InProcessHeaders : IReadOnlyDictionary<string, string>
{
    public static readonly InProcessHeaders Empty = new([]);

    private readonly KeyValuePair<string, string>[] _items;

    public InProcessHeaders(KeyValuePair<string, string>[] items)
    {
        _items = items;
    }

    public int Count => _items.Length;

    public IEnumerable<string> Keys => _items.Select(static i => i.Key);

    public IEnumerable<string> Values => _items.Select(static i => i.Value);

    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"Header '{key}' is not present.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int index = IndexOf(key);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = _items[index].Value;
        return true;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private int IndexOf(string key)
    {
        KeyValuePair<string, string>[] items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            if (string.Equals(items[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
