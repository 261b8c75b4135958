using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tx.MultiWrite;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Reconciliation;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Statistics;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Telemetry;
using Tx.MultiWrite.Writing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tx.MultiWrite in an <see cref="IServiceCollection"/>.</summary>
public static class MultiWriteServiceCollectionExtensions
{
    /// <summary>
    /// Adds the multi-writer (<see cref="IMultiWriter"/>), the retry worker (a hosted service), the reconciler
    /// (<see cref="IMultiWriteReconciler"/>), statistics (<see cref="IMultiWriteStatistics"/>) and metrics. Add
    /// targets and choose a ledger on the returned builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="MultiWriteOptions"/>, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder AddTxMultiWrite(this IServiceCollection services, Action<MultiWriteOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        OptionsBuilder<MultiWriteOptions> options = services.AddOptionsWithValidateOnStart<MultiWriteOptions, MultiWriteOptionsValidator>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptionsWithValidateOnStart<RetryWorkerOptions, RetryWorkerOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TargetLegOptions>, TargetLegOptionsValidator>());
        services.TryAddSingleton<MultiWriteMetrics>();
        services.TryAddSingleton<RecordValidator>();
        services.TryAddSingleton(sp => new LegSet(
            sp.GetServices<TargetRegistration>(),
            sp,
            sp.GetRequiredService<IOptionsMonitor<TargetLegOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MultiWriteMetrics>()));
        services.TryAddSingleton<SchemaInitializer>();
        services.TryAddSingleton<IMultiWriteEventPublisher, LoggingMultiWriteEventPublisher>();
        services.TryAddSingleton<EventDispatcher>();
        services.TryAddSingleton<Compensator>();
        services.TryAddSingleton<IMultiWriter, MultiWriter>();
        services.TryAddSingleton<LegRetryProcessor>();
        services.TryAddSingleton<IMultiWriteRetryWorker>(sp => sp.GetRequiredService<LegRetryProcessor>());
        services.TryAddSingleton<IMultiWriteReconciler, Reconciler>();
        services.TryAddSingleton<IMultiWriteStatistics, StatisticsProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RetryWorkerService>());
        return new TxMultiWriteBuilder(services);
    }
}
