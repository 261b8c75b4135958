using Microsoft.Extensions.DependencyInjection;

namespace Tx.Messaging.Consuming;

/// <summary>Resolves an <see cref="IMessageHandler"/> from a new scope per message.</summary>
internal sealed class ScopedMessageHandlerInvoker<THandler>(IServiceScopeFactory scopes) : MessageHandlerInvoker
    where THandler : class, IMessageHandler
{
    public override async ValueTask InvokeAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            THandler handler = scope.ServiceProvider.GetRequiredService<THandler>();
            await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }
}
