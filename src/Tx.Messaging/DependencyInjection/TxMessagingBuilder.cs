using Microsoft.Extensions.DependencyInjection;

namespace Tx.Messaging;

internal sealed class TxMessagingBuilder(IServiceCollection services) : ITxMessagingBuilder
{
    public IServiceCollection Services { get; } = services;
}
