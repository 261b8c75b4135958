using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Tx.Messaging;

/// <summary>
/// String headers of a message (<c>eventType</c>, <c>aggregateId</c>, <c>eventVersion</c>, correlation id, ...).
/// Names are case-sensitive and unique: setting a name again replaces its value. Kafka carries them as
/// UTF-8 bytes.
/// </summary>
public sealed class MessageHeaders : IReadOnlyDictionary<string, string>
{
    // Messages carry a handful of headers: a list beats a hash table on size and speed.
    private readonly List<KeyValuePair<string, string>> _items;

    /// <summary>Initializes an empty header set.</summary>
    public MessageHeaders()
    {
        _items = [];
    }

    /// <summary>Initializes a header set with a copy of <paramref name="headers"/>.</summary>
    /// <param name="headers">The headers to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is <see langword="null"/>.</exception>
    public MessageHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _items = headers is IReadOnlyCollection<KeyValuePair<string, string>> c ? new(c.Count + 4) : [];
        foreach (KeyValuePair<string, string> header in headers)
        {
            Set(header.Key, header.Value);
        }
    }

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _items.Select(static i => i.Key);

    /// <inheritdoc/>
    public IEnumerable<string> Values => _items.Select(static i => i.Value);

    /// <summary>Gets or sets the <c>eventType</c> header.</summary>
    public string? EventType
    {
        get => GetValueOrDefault(MessageHeaderNames.EventType);
        set => SetOrRemove(MessageHeaderNames.EventType, value);
    }

    /// <summary>Gets or sets the <c>aggregateId</c> header.</summary>
    public string? AggregateId
    {
        get => GetValueOrDefault(MessageHeaderNames.AggregateId);
        set => SetOrRemove(MessageHeaderNames.AggregateId, value);
    }

    /// <summary>Gets or sets the <c>eventVersion</c> header.</summary>
    public string? EventVersion
    {
        get => GetValueOrDefault(MessageHeaderNames.EventVersion);
        set => SetOrRemove(MessageHeaderNames.EventVersion, value);
    }

    /// <summary>Gets or sets the <c>correlationId</c> header.</summary>
    public string? CorrelationId
    {
        get => GetValueOrDefault(MessageHeaderNames.CorrelationId);
        set => SetOrRemove(MessageHeaderNames.CorrelationId, value);
    }

    /// <summary>Gets or sets a header value.</summary>
    /// <param name="key">The header name.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="KeyNotFoundException">Getting a header that is not present.</exception>
    public string this[string key]
    {
        get => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"Header '{key}' is not present.");
        set => Set(key, value);
    }

    /// <summary>Sets a header, replacing any value it had.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <returns>This instance, to chain calls.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public MessageHeaders Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        int index = IndexOf(name);
        if (index >= 0)
        {
            _items[index] = new(name, value);
        }
        else
        {
            _items.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Removes a header.</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> when the header was present.</returns>
    public bool Remove(string name)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _items.RemoveAt(index);
        return true;
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
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

    /// <summary>Gets a header value, or <see langword="null"/> when it is not present.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    public string? GetValueOrDefault(string name) => TryGetValue(name, out string? value) ? value : null;

    /// <summary>Returns an enumerator over the headers, in the order they were first set.</summary>
    /// <returns>The enumerator.</returns>
    public List<KeyValuePair<string, string>>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private void SetOrRemove(string name, string? value)
    {
        if (value is null)
        {
            Remove(name);
        }
        else
        {
            Set(name, value);
        }
    }

    private int IndexOf(string name)
    {
        List<KeyValuePair<string, string>> items = _items;
        for (int i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
