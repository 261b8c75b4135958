using Microsoft.Extensions.DependencyInjection;

namespace Tx.Cqrs.DependencyInjection;

/// <summary>
/// What <c>AddTxCqrs</c> and the builder extensions recorded: middleware types in order, the message
/// types found by scanning, and the service collection itself, read again (complete) once the container
/// is built to find every handler registration, scanned or hand-written.
/// </summary>
internal sealed class CqrsRegistry
{
    private readonly Lazy<HandlerCatalog> _catalog;

    private CqrsRegistry(IServiceCollection services)
    {
        Services = services;
        _catalog = new Lazy<HandlerCatalog>(() => new HandlerCatalog(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IServiceCollection Services { get; }

    public List<Type> CommandMiddlewares { get; } = [];

    public List<Type> QueryMiddlewares { get; } = [];

    public HashSet<Type> ScannedMessageTypes { get; } = [];

    public bool AuditEnabled { get; set; }

    /// <summary>Gets the handler catalog, built on first use (after the container was built).</summary>
    public HandlerCatalog Catalog => _catalog.Value;

    public static CqrsRegistry GetOrAdd(IServiceCollection services)
    {
        for (int i = services.Count - 1; i >= 0; i--)
        {
            if (services[i] is { ServiceType: var type, ImplementationInstance: CqrsRegistry registry } && type == typeof(CqrsRegistry))
            {
                return registry;
            }
        }

        var created = new CqrsRegistry(services);
        services.AddSingleton(created);
        return created;
    }

    public void AddMiddleware(List<Type> list, Type middlewareType)
    {
        if (!list.Contains(middlewareType))
        {
            list.Add(middlewareType);
        }
    }
}
