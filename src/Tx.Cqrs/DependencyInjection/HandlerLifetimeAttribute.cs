using Microsoft.Extensions.DependencyInjection;

namespace Tx.Cqrs;

/// <summary>
/// Sets the lifetime a handler or validator is registered with when assemblies are scanned, overriding the
/// lifetime given to the scan.
/// </summary>
/// <param name="lifetime">The lifetime to register the class with.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class HandlerLifetimeAttribute(ServiceLifetime lifetime) : Attribute
{
    /// <summary>Gets the lifetime the class is registered with.</summary>
    public ServiceLifetime Lifetime { get; } = lifetime;
}
