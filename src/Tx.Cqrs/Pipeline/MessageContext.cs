namespace Tx.Cqrs.Pipeline;

/// <summary>
/// What a middleware sees besides the message: the service provider of this dispatch and its
/// cancellation token. A small struct passed by value, so a dispatch allocates nothing for it.
/// </summary>
public readonly struct MessageContext
{
    /// <summary>Initializes a new instance of the <see cref="MessageContext"/> struct.</summary>
    /// <param name="services">The service provider of this dispatch.</param>
    /// <param name="kind">Whether the message is a command or a query.</param>
    /// <param name="cancellationToken">The cancellation token of this dispatch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public MessageContext(IServiceProvider services, MessageKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
        Kind = kind;
        CancellationToken = cancellationToken;
    }

    /// <summary>
    /// Gets the service provider of this dispatch: a fresh scope created for this call when the handler
    /// (or one of the message's validators) is scoped or transient, or when
    /// <see cref="TxCqrsOptions.CreateScopePerDispatch"/> is set; otherwise the root provider.
    /// </summary>
    public IServiceProvider Services { get; }

    /// <summary>Gets whether the message is a command or a query.</summary>
    public MessageKind Kind { get; }

    /// <summary>Gets the cancellation token of this dispatch.</summary>
    public CancellationToken CancellationToken { get; }
}
