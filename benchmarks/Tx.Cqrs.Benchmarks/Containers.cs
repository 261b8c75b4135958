using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Benchmarks.Messages;

namespace Tx.Cqrs.Benchmarks;

/// <summary>The containers the benchmarks dispatch through, one per library and scenario.</summary>
internal static class Containers
{
    public static ServiceProvider Tx(bool middleware)
    {
        var services = new ServiceCollection();
        ITxCqrsBuilder builder = services.AddTxCqrs()
            .AddCommandHandler<TxPing, Pong, TxPingHandler>(ServiceLifetime.Singleton)
            .AddQueryHandler<TxGetPong, Pong, TxGetPongHandler>(ServiceLifetime.Scoped);
        if (middleware)
        {
            builder.AddMiddleware(typeof(TxPassThroughMiddleware<,>));
        }

        return services.BuildServiceProvider();
    }

    public static ServiceProvider Mediator(bool behavior)
    {
        var services = new ServiceCollection();
        services.AddMediator((global::Mediator.MediatorOptions options) => options.ServiceLifetime = ServiceLifetime.Singleton);
        if (behavior)
        {
            services.AddSingleton<global::Mediator.IPipelineBehavior<MediatorPing, Pong>, MediatorPassThroughBehavior<MediatorPing, Pong>>();
        }

        return services.BuildServiceProvider();
    }

    public static ServiceProvider MediatR(bool behavior, bool scoped)
    {
        var services = new ServiceCollection();
        if (scoped)
        {
            services.AddScoped<global::MediatR.ServiceFactory>(sp => sp.GetService!);
            services.AddScoped<global::MediatR.IMediator, global::MediatR.Mediator>();
            services.AddScoped<global::MediatR.IRequestHandler<MediatRGetPong, Pong>, MediatRGetPongHandler>();
        }
        else
        {
            services.AddSingleton<global::MediatR.ServiceFactory>(sp => sp.GetService!);
            services.AddSingleton<global::MediatR.IMediator, global::MediatR.Mediator>();
            services.AddSingleton<global::MediatR.IRequestHandler<MediatRPing, Pong>, MediatRPingHandler>();
        }

        if (behavior)
        {
            services.AddSingleton<global::MediatR.IPipelineBehavior<MediatRPing, Pong>, MediatRPassThroughBehavior<MediatRPing, Pong>>();
        }

        return services.BuildServiceProvider();
    }
}
