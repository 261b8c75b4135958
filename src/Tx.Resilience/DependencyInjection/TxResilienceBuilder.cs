using Microsoft.Extensions.DependencyInjection;

namespace Tx.Resilience;

internal sealed class TxResilienceBuilder(IServiceCollection services) : ITxResilienceBuilder
{
    public IServiceCollection Services { get; } = services;
}
