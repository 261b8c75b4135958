using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Auditing;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Pipeline;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs.DependencyInjection;

/// <summary>
/// Every command and query with its handler, read from the complete service collection, and every
/// configuration error (a message with no handler or two, a type that is both or twice a message, an
/// audit middleware without a sink). The bus refuses to start while <see cref="Errors"/> is not empty.
/// </summary>
internal sealed class HandlerCatalog
{
    public HandlerCatalog(CqrsRegistry registry)
    {
        var handlers = new Dictionary<Type, List<ServiceDescriptor>>();
        var validators = new Dictionary<Type, ValidatorInfo>();
        bool hasAuditSink = false;
        foreach (ServiceDescriptor descriptor in registry.Services)
        {
            if (descriptor.IsKeyedService)
            {
                continue;
            }

            Type serviceType = descriptor.ServiceType;
            if (serviceType == typeof(IAuditSink))
            {
                hasAuditSink = true;
                continue;
            }

            if (!serviceType.IsGenericType || serviceType.IsGenericTypeDefinition)
            {
                continue;
            }

            Type definition = serviceType.GetGenericTypeDefinition();
            Type messageType = serviceType.GenericTypeArguments[0];
            if (definition == typeof(ICommandHandler<,>) || definition == typeof(IQueryHandler<,>))
            {
                if (!handlers.TryGetValue(messageType, out List<ServiceDescriptor>? list))
                {
                    handlers[messageType] = list = [];
                }

                list.Add(descriptor);
            }
            else if (definition == typeof(IValidator<>))
            {
                ValidatorInfo info = validators.GetValueOrDefault(messageType);
                validators[messageType] = new ValidatorInfo(info.Count + 1, info.NeedScope || descriptor.Lifetime != ServiceLifetime.Singleton);
            }
        }

        var commands = new List<MessageRegistration>();
        var queries = new List<MessageRegistration>();
        var errors = new List<string>();
        var messageTypes = new HashSet<Type>(registry.ScannedMessageTypes);
        messageTypes.UnionWith(handlers.Keys);
        foreach (Type messageType in messageTypes.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            List<(MessageKind Kind, Type Result)> declared = DeclaredResults(messageType);
            if (declared.Count != 1)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{messageType.FullName}' must implement exactly one of ICommand<TResult> or IQuery<TResult>; it implements {declared.Count}."));
                continue;
            }

            (MessageKind kind, Type resultType) = declared[0];
            string kindName = kind == MessageKind.Command ? "command" : "query";
            if (!messageType.IsClass)
            {
                errors.Add($"The {kindName} '{messageType.FullName}' must be a class or a record class, not a struct.");
                continue;
            }

            Type expected = (kind == MessageKind.Command ? typeof(ICommandHandler<,>) : typeof(IQueryHandler<,>)).MakeGenericType(messageType, resultType);
            List<ServiceDescriptor> found = handlers.GetValueOrDefault(messageType)?.Where(d => d.ServiceType == expected).ToList() ?? [];
            if (found.Count == 0)
            {
                errors.Add($"No handler is registered for {kindName} '{messageType.FullName}' (expected one {Display(expected)}).");
                continue;
            }

            if (found.Count > 1)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{found.Count} handlers are registered for {kindName} '{messageType.FullName}' ({string.Join(", ", found.Select(Describe))}); exactly one is allowed."));
                continue;
            }

            var registration = new MessageRegistration(kind, messageType, resultType, found[0].Lifetime, found[0].ImplementationType, validators.GetValueOrDefault(messageType).NeedScope);
            (kind == MessageKind.Command ? commands : queries).Add(registration);
        }

        if (registry.AuditEnabled && !hasAuditSink)
        {
            errors.Add("UseAudit() was called but no IAuditSink is registered; register one (AddAuditSink<TSink>()).");
        }

        Commands = commands;
        Queries = queries;
        Errors = errors;
        Validators = validators;
    }

    public IReadOnlyList<MessageRegistration> Commands { get; }

    public IReadOnlyList<MessageRegistration> Queries { get; }

    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets, per message type, how many validators are registered and whether one needs a scope.</summary>
    public IReadOnlyDictionary<Type, ValidatorInfo> Validators { get; }

    /// <summary>Gets every <c>ICommand&lt;T&gt;</c> and <c>IQuery&lt;T&gt;</c> a type implements.</summary>
    public static List<(MessageKind Kind, Type Result)> DeclaredResults(Type messageType)
    {
        var declared = new List<(MessageKind, Type)>();
        foreach (Type contract in messageType.GetInterfaces())
        {
            if (!contract.IsGenericType)
            {
                continue;
            }

            Type definition = contract.GetGenericTypeDefinition();
            if (definition == typeof(ICommand<>))
            {
                declared.Add((MessageKind.Command, contract.GenericTypeArguments[0]));
            }
            else if (definition == typeof(IQuery<>))
            {
                declared.Add((MessageKind.Query, contract.GenericTypeArguments[0]));
            }
        }

        return declared;
    }

    private static string Describe(ServiceDescriptor descriptor) =>
        (descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType())?.FullName ?? "a factory";

    private static string Display(Type type) =>
        type.IsGenericType
            ? string.Concat(type.Name.AsSpan(0, type.Name.IndexOf('`', StringComparison.Ordinal)), "<", string.Join(", ", type.GenericTypeArguments.Select(Display)), ">")
            : type.Name;
}
