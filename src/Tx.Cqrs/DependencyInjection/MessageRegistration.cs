using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.DependencyInjection;

/// <summary>One message type with its one handler, as found in the service collection at start-up.</summary>
internal sealed class MessageRegistration(MessageKind kind, Type messageType, Type resultType, ServiceLifetime handlerLifetime, Type? handlerImplementationType, bool validatorsNeedScope)
{
    public MessageKind Kind { get; } = kind;

    public Type MessageType { get; } = messageType;

    public Type ResultType { get; } = resultType;

    public ServiceLifetime HandlerLifetime { get; } = handlerLifetime;

    /// <summary>Gets the handler class when it was registered by type (not by instance or factory).</summary>
    public Type? HandlerImplementationType { get; } = handlerImplementationType;

    /// <summary>Gets a value indicating whether one of the message's validators is scoped or transient.</summary>
    public bool ValidatorsNeedScope { get; } = validatorsNeedScope;
}
