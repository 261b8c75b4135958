using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs;

/// <summary>Adds the shipped validation middleware and validators.</summary>
public static class ValidationCqrsBuilderExtensions
{
    /// <summary>
    /// Adds the validation middleware to the command and query pipelines, at the current position. It runs
    /// every <see cref="IValidator{TMessage}"/> registered for the message and throws one
    /// <see cref="ValidationException"/> that lists every field error. Messages without validators skip it at
    /// no cost.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder UseValidation(this ITxCqrsBuilder builder) =>
        builder.AddMiddleware(typeof(ValidationMiddleware<,>));

    /// <summary>
    /// Registers a validator for <typeparamref name="TMessage"/>. Validators found by assembly scanning are
    /// registered automatically. A scoped or transient validator makes its message run in a fresh scope.
    /// </summary>
    /// <typeparam name="TMessage">The command or query type.</typeparam>
    /// <typeparam name="TValidator">The validator class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="lifetime">The validator's lifetime.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder AddValidator<TMessage, TValidator>(this ITxCqrsBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Singleton)
        where TMessage : class
        where TValidator : class, IValidator<TMessage>
    {
        ArgumentNullException.ThrowIfNull(builder);
        var descriptor = new ServiceDescriptor(typeof(IValidator<TMessage>), typeof(TValidator), lifetime);
        if (!builder.Services.Any(d => !d.IsKeyedService && d.ServiceType == descriptor.ServiceType && d.ImplementationType == descriptor.ImplementationType))
        {
            builder.Services.Add(descriptor);
        }

        return builder;
    }
}
