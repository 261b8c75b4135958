using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Tx.Messaging.Consuming;

/// <summary>Deserializes the payload and resolves an <see cref="IMessageHandler{T}"/> from a new scope per message.</summary>
internal sealed class ScopedMessageHandlerInvoker<THandler, T>(IServiceScopeFactory scopes, JsonSerializerOptions serializerOptions) : MessageHandlerInvoker
    where THandler : class, IMessageHandler<T>
{
    public override async ValueTask InvokeAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        T value = Deserialize(message);
        AsyncServiceScope scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            THandler handler = scope.ServiceProvider.GetRequiredService<THandler>();
            await handler.HandleAsync(value, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private T Deserialize(ConsumedMessage message)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(message.Value.Span, serializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            throw new PoisonMessageException($"The value cannot be deserialized as {typeof(T).Name}: {ex.Message}", ex);
        }

        return value ?? throw new PoisonMessageException($"The value deserialized as a null {typeof(T).Name}.");
    }
}
