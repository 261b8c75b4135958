using Microsoft.Extensions.DependencyInjection;

namespace Tx.MultiWrite;

internal sealed class TxMultiWriteBuilder(IServiceCollection services) : ITxMultiWriteBuilder
{
    public IServiceCollection Services { get; } = services;
}
