using Tx.Cqrs.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs;

/// <summary>
/// Adds middlewares to the command and query pipelines. Middlewares run in the order they are added: the
/// first added is the outermost, the handler is innermost. Adding the same type twice keeps the first.
/// </summary>
public static class MiddlewareCqrsBuilderExtensions
{
    /// <summary>Adds a middleware to both the command and the query pipeline.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="middlewareType">
    /// An open generic type with two type parameters (message, result) implementing
    /// <see cref="IMessageMiddleware{TMessage, TResult}"/>, applied to every message whose type meets its
    /// generic constraints; or a closed type, applied to the one message type it is written for.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="middlewareType"/> is not a middleware type.</exception>
    public static ITxCqrsBuilder AddMiddleware(this ITxCqrsBuilder builder, Type middlewareType) =>
        builder.AddCommandMiddleware(middlewareType).AddQueryMiddleware(middlewareType);

    /// <summary>Adds a middleware to the command pipeline; see <see cref="AddMiddleware"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="middlewareType">The middleware type, open generic or closed.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="middlewareType"/> is not a middleware type.</exception>
    public static ITxCqrsBuilder AddCommandMiddleware(this ITxCqrsBuilder builder, Type middlewareType)
    {
        CqrsRegistry registry = Prepare(builder, middlewareType);
        registry.AddMiddleware(registry.CommandMiddlewares, middlewareType);
        return builder;
    }

    /// <summary>Adds a middleware to the query pipeline; see <see cref="AddMiddleware"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="middlewareType">The middleware type, open generic or closed.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="middlewareType"/> is not a middleware type.</exception>
    public static ITxCqrsBuilder AddQueryMiddleware(this ITxCqrsBuilder builder, Type middlewareType)
    {
        CqrsRegistry registry = Prepare(builder, middlewareType);
        registry.AddMiddleware(registry.QueryMiddlewares, middlewareType);
        return builder;
    }

    private static CqrsRegistry Prepare(ITxCqrsBuilder builder, Type middlewareType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(middlewareType);
        bool isMiddleware = !middlewareType.IsAbstract && middlewareType.IsClass && Array.Exists(
            middlewareType.GetInterfaces(),
            i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMessageMiddleware<,>));
        if (!isMiddleware || (middlewareType.IsGenericTypeDefinition && middlewareType.GetGenericArguments().Length != 2))
        {
            throw new ArgumentException(
                $"'{middlewareType.FullName}' is not a middleware: expected a concrete class implementing IMessageMiddleware<TMessage, TResult>, open with two type parameters or closed.",
                nameof(middlewareType));
        }

        return CqrsRegistry.GetOrAdd(builder.Services);
    }
}
