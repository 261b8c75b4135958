using Microsoft.Extensions.DependencyInjection;

namespace Tx.Cqrs;

/// <summary>
/// Returned by <c>AddTxCqrs</c>; handlers, middlewares, validators and audit sinks are added through its
/// extension methods.
/// </summary>
public interface ITxCqrsBuilder
{
    /// <summary>Gets the service collection the buses are registered in.</summary>
    IServiceCollection Services { get; }
}
