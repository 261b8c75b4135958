using System.Text.Json;
using Tx.Messaging.Producing;

namespace Tx.Messaging;

/// <summary>Typed and header-friendly overloads of <see cref="IMessageProducer"/>.</summary>
public static class MessageProducerExtensions
{
    /// <summary>Serializes <paramref name="value"/> with System.Text.Json and produces it.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="producer">The producer.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="key">The partition key (for example the aggregate id), or <see langword="null"/>.</param>
    /// <param name="value">The payload.</param>
    /// <param name="headers">The headers, or <see langword="null"/> for none.</param>
    /// <param name="serializerOptions">The serializer options; <see cref="JsonSerializerOptions.Web"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement.</param>
    /// <returns>The partition and offset the message was stored at.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="producer"/> is <see langword="null"/>.</exception>
    /// <exception cref="MessageProduceException">The transport could not store the message.</exception>
    public static ValueTask<DeliveryResult> ProduceAsync<T>(
        this IMessageProducer producer,
        string topic,
        string? key,
        T value,
        MessageHeaders? headers = null,
        JsonSerializerOptions? serializerOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(producer);
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(value, serializerOptions ?? JsonSerializerOptions.Web);
        return producer.ProduceAsync(topic, new OutgoingMessage(key, bytes, headers), cancellationToken);
    }
}
