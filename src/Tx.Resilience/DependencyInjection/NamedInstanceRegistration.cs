using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.Resilience.Telemetry;

namespace Tx.Resilience;

/// <summary>The shared shape of every <c>Add&lt;Strategy&gt;(name, configure)</c>: validated named options plus a keyed singleton.</summary>
internal static class NamedInstanceRegistration
{
    public static ITxResilienceBuilder Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator, TService>(
        ITxResilienceBuilder builder,
        string name,
        Action<TOptions>? configure,
        Action<ResilienceNames, string> recordName,
        Func<string, TOptions, TimeProvider, ResilienceTelemetry, IServiceProvider, TService> create)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        IServiceCollection services = builder.Services;
        OptionsBuilder<TOptions> options = services.AddOptionsWithValidateOnStart<TOptions, TValidator>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.Configure<ResilienceNames>(names => recordName(names, name));
        services.TryAddKeyedSingleton<TService>(name, (sp, key) =>
        {
            string instanceName = (string)key!;
            TOptions value = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(instanceName);
            return create(instanceName, value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ResilienceTelemetry>(), sp);
        });
        return builder;
    }
}
