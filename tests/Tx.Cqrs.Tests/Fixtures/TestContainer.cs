using Microsoft.Extensions.DependencyInjection;

namespace Tx.Cqrs.Tests.Fixtures;

/// <summary>Builds an isolated container per test, with scope and build validation on.</summary>
public static class TestContainer
{
    public static ServiceProvider Build(Action<ITxCqrsBuilder> configure, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<Recorder>();
        collection.AddScoped<ScopedDependency>();
        services?.Invoke(collection);
        configure(collection.AddTxCqrs());
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
