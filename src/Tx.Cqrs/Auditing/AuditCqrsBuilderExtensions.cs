using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tx.Cqrs.Auditing;
using Tx.Cqrs.DependencyInjection;

namespace Tx.Cqrs;

/// <summary>Adds the shipped audit middleware and audit sinks.</summary>
public static class AuditCqrsBuilderExtensions
{
    /// <summary>
    /// Adds the audit middleware to the command pipeline, at the current position: each command that
    /// reaches it is handed, with its result or exception and duration, to every <see cref="IAuditSink"/>.
    /// At least one sink must be registered, or start-up fails.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder UseAudit(this ITxCqrsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        CqrsRegistry.GetOrAdd(builder.Services).AuditEnabled = true;
        return builder.AddCommandMiddleware(typeof(AuditMiddleware<,>));
    }

    /// <summary>Registers <typeparamref name="TSink"/> as a singleton <see cref="IAuditSink"/>.</summary>
    /// <typeparam name="TSink">The sink class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder AddAuditSink<TSink>(this ITxCqrsBuilder builder)
        where TSink : class, IAuditSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditSink, TSink>());
        return builder;
    }
}
