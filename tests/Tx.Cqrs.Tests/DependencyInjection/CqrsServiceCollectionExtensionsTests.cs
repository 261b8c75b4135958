using System.Reflection;
using System.Reflection.Emit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Queries;
using Tx.Cqrs.Tests.Fixtures;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs.Tests.DependencyInjection;

public sealed class CqrsServiceCollectionExtensionsTests
{
    /// <summary>Emits an assembly holding one command type and no handler for it.</summary>
    private static Assembly EmitAssemblyWithOrphanCommand(string commandName)
    {
        AssemblyBuilder assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"Orphans{Guid.NewGuid():N}"), AssemblyBuilderAccess.Run);
        TypeBuilder type = assembly.DefineDynamicModule("Orphans").DefineType(commandName, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class);
        type.AddInterfaceImplementation(typeof(ICommand<int>));
        type.DefineDefaultConstructor(MethodAttributes.Public);
        type.CreateType();
        return assembly;
    }

    private static IHost BuildHost(Action<ITxCqrsBuilder> configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<Recorder>();
        configure(builder.Services.AddTxCqrs());
        return builder.Build();
    }

    [Fact]
    public async Task AddTxCqrs_ScannedCommandWithoutHandler_HostFailsToStart()
    {
        using IHost host = BuildHost(b => b.AddHandlersFromAssembly(EmitAssemblyWithOrphanCommand("OrphanCommand")));

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(exception.Failures, f => f.Contains("No handler is registered for command 'OrphanCommand'", StringComparison.Ordinal)
            && f.Contains("ICommandHandler<OrphanCommand, Int32>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddTxCqrs_TwoHandlersForOneCommand_HostFailsToStartNamingBoth()
    {
        using IHost host = BuildHost(b => b
            .AddCommandHandler<TwinCommand<int>, int, TwinHandlerA<int>>()
            .AddCommandHandler<TwinCommand<int>, int, TwinHandlerB<int>>(ServiceLifetime.Singleton));

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        string failure = Assert.Single(exception.Failures);
        Assert.StartsWith("2 handlers are registered for command", failure, StringComparison.Ordinal);
        Assert.Contains("TwinHandlerA", failure, StringComparison.Ordinal);
        Assert.Contains("TwinHandlerB", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTxCqrs_SeveralProblems_AllListedAtOnce()
    {
        using IHost host = BuildHost(b => b
            .AddHandlersFromAssembly(EmitAssemblyWithOrphanCommand("LonelyCommand"))
            .AddCommandHandler<TwinCommand<string>, int, TwinHandlerA<string>>()
            .AddCommandHandler<TwinCommand<string>, int, TwinHandlerB<string>>()
            .AddCommandHandler<AmbiguousMessage<int>, int, AmbiguousMessageHandler<int>>());

        OptionsValidationException exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(3, exception.Failures.Count());
        Assert.Contains(exception.Failures, f => f.Contains("exactly one of ICommand<TResult> or IQuery<TResult>", StringComparison.Ordinal));
    }

    [Fact]
    public void AddTxCqrs_MissingHandlerWithoutHost_FailsWhenBusIsResolvedNotAtFirstSend()
    {
        var services = new ServiceCollection();
        services.AddTxCqrs().AddHandlersFromAssembly(EmitAssemblyWithOrphanCommand("OrphanCommand"));
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICommandBus>());
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IQueryBus>());
    }

    [Fact]
    public void AddTxCqrs_SingletonHandlerThatCannotBeBuilt_FailsWhenBusIsResolved()
    {
        var services = new ServiceCollection();
        services.AddTxCqrs().AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton);
        using ServiceProvider provider = services.BuildServiceProvider();

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICommandBus>());

        Assert.Contains(nameof(Recorder), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTxCqrs_ValidRegistrations_HostStartsAndBusWorks()
    {
        using IHost host = BuildHost(b => b.AddCommandHandler<PingCommand, int, PingCommandHandler>());

        await host.StartAsync();
        int result = await host.Services.GetRequiredService<ICommandBus>().ExecuteAsync(new PingCommand(1));
        await host.StopAsync();

        Assert.Equal(2, result);
    }

    [Fact]
    public async Task AddTxCqrs_ScanThisAssembly_RegistersHandlersWithDeclaredLifetimesAndEveryMessageHasOne()
    {
        var services = new ServiceCollection().AddSingleton<Recorder>().AddScoped<ScopedDependency>().AddSingleton<ITransactionStore, InMemoryTransactionStore>();

        services.AddTxCqrs(typeof(PingCommand).Assembly);
        services.AddTxCqrs(typeof(PingCommand).Assembly);

        Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == typeof(ICommandHandler<PingCommand, int>)).Lifetime);
        Assert.Equal(ServiceLifetime.Transient, Assert.Single(services, d => d.ServiceType == typeof(IQueryHandler<EchoQuery, string>)).Lifetime);
        Assert.Equal(ServiceLifetime.Scoped, Assert.Single(services, d => d.ServiceType == typeof(IQueryHandler<ScopedProbeQuery, ScopedDependency>)).Lifetime);
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidator<OpenAccountCommand>) && d.Lifetime == ServiceLifetime.Singleton));
        Assert.DoesNotContain(services, d => d.ImplementationType is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(TwinHandlerA<>));
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Assert.Equal("hi", await provider.GetRequiredService<IQueryBus>().ExecuteAsync(new EchoQuery("hi")));
    }

    [Fact]
    public void AddTxCqrs_CalledTwice_RegistersBusesOnce()
    {
        var services = new ServiceCollection();

        services.AddTxCqrs();
        services.AddTxCqrs(o => o.CreateScopePerDispatch = true);

        Assert.Single(services, d => d.ServiceType == typeof(ICommandBus));
        Assert.Single(services, d => d.ServiceType == typeof(IQueryBus));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<TxCqrsOptions>) && d.ImplementationType?.Name == "HandlerRegistrationValidator");
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.True(provider.GetRequiredService<IOptions<TxCqrsOptions>>().Value.CreateScopePerDispatch);
    }

    [Fact]
    public void AddTxCqrs_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddTxCqrs());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddTxCqrs((Assembly[])null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddTxCqrs().AddHandlersFromAssembly(null!));
    }
}
