using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Tx.Messaging.Telemetry;

namespace Tx.Messaging.InProcess;

/// <summary>
/// The immutable copy of a message's headers that an in-process partition stores: one array, shared by
/// every group that reads the record (a <see cref="MessageHeaders"/> copy costs a list and its array).
/// </summary>
internal sealed class InProcessHeaders : IReadOnlyDictionary<string, string>
{
    public static readonly InProcessHeaders Empty = new([]);

    private readonly KeyValuePair<string, string>[] _items;

    private InProcessHeaders(KeyValuePair<string, string>[] items)
    {
        _items = items;
    }

    public int Count => _items.Length;

    public IEnumerable<string> Keys => _items.Select(static i => i.Key);

    public IEnumerable<string> Values => _items.Select(static i => i.Value);

    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"Header '{key}' is not present.");

    /// <summary>Copies <paramref name="headers"/>, setting (or replacing) the <c>traceparent</c> header when one is given.</summary>
    public static InProcessHeaders Copy(MessageHeaders headers, string? traceParent)
    {
        int count = headers.Count;
        int traceIndex = traceParent is null ? -1 : count;
        if (traceParent is not null)
        {
            int i = 0;
            foreach (KeyValuePair<string, string> header in headers)
            {
                if (string.Equals(header.Key, MessagingTelemetryConstants.TraceParentHeader, StringComparison.Ordinal))
                {
                    traceIndex = i;
                }

                i++;
            }
        }

        int length = traceIndex == count ? count + 1 : count;
        if (length == 0)
        {
            return Empty;
        }

        var items = new KeyValuePair<string, string>[length];
        int index = 0;
        foreach (KeyValuePair<string, string> header in headers)
        {
            items[index++] = header;
        }

        if (traceIndex >= 0)
        {
            items[traceIndex] = new(MessagingTelemetryConstants.TraceParentHeader, traceParent!);
        }

        return new InProcessHeaders(items);
    }

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
