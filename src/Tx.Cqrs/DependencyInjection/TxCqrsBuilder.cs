using Microsoft.Extensions.DependencyInjection;

namespace Tx.Cqrs.DependencyInjection;

internal sealed class TxCqrsBuilder(IServiceCollection services) : ITxCqrsBuilder
{
    public IServiceCollection Services { get; } = services;
}
