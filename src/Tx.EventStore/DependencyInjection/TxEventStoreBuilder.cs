using Microsoft.Extensions.DependencyInjection;

namespace Tx.EventStore;

internal sealed class TxEventStoreBuilder(IServiceCollection services) : ITxEventStoreBuilder
{
    public IServiceCollection Services { get; } = services;
}
