using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Publishing;
using Tx.MultiWrite.Retrying;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite;

/// <summary>Adds targets, the ledger, record-type policies and the event publisher to the multi-writer.</summary>
public static class MultiWriteBuilderExtensions
{
    /// <summary>Adds a target (one leg of every write), with its own breaker and timeout.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The target's name; must equal the built target's <see cref="IWriteTarget.Name"/>.</param>
    /// <param name="factory">Builds the target once.</param>
    /// <param name="configureLeg">Configures the leg's breaker and timeout, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder AddTarget(this ITxMultiWriteBuilder builder, string name, Func<IServiceProvider, IWriteTarget> factory, Action<TargetLegOptions>? configureLeg = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(new TargetRegistration(name, sp =>
        {
            IWriteTarget target = factory(sp);
            return target.Name == name ? target : throw new InvalidOperationException($"The target registered as '{name}' calls itself '{target.Name}'.");
        }));
        OptionsBuilder<TargetLegOptions> options = builder.Services.AddOptions<TargetLegOptions>(name).ValidateOnStart();
        if (configureLeg is not null)
        {
            options.Configure(configureLeg);
        }

        return builder;
    }

    /// <summary>Uses a ledger (intent log) store.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Builds the ledger once.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder UseLedger(this ITxMultiWriteBuilder builder, Func<IServiceProvider, IWriteLedger> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Uses a ledger held in process memory. It is not durable: for tests and demos only.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITxMultiWriteBuilder UseInMemoryLedger(this ITxMultiWriteBuilder builder) =>
        builder.UseLedger(_ => new InMemoryWriteLedger());

    /// <summary>Configures a record type: its consistency policy and required payload fields.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="configure">Configures the record type.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder ConfigureRecordType(this ITxMultiWriteBuilder builder, string recordType, Action<RecordTypeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordType);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<MultiWriteOptions>(o =>
        {
            if (!o.RecordTypes.TryGetValue(recordType, out RecordTypeOptions? options))
            {
                options = new RecordTypeOptions();
                o.RecordTypes[recordType] = options;
            }

            configure(options);
        });
        return builder;
    }

    /// <summary>Configures the retry worker.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures <see cref="RetryWorkerOptions"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder ConfigureRetryWorker(this ITxMultiWriteBuilder builder, Action<RetryWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Publishes <c>failed-writes</c> and <c>compensation-events</c> through <paramref name="factory"/>'s publisher.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Builds the publisher once.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder UseEventPublisher(this ITxMultiWriteBuilder builder, Func<IServiceProvider, IMultiWriteEventPublisher> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>
    /// Publishes <c>failed-writes</c> and <c>compensation-events</c> through the Tx.Messaging producer registered
    /// in the container (<c>services.AddTxMessaging()</c> with Kafka or the in-process transport).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder UseTxMessaging(this ITxMultiWriteBuilder builder) =>
        builder.UseEventPublisher(sp => new MessagingMultiWriteEventPublisher(sp.GetRequiredService<Tx.Messaging.Producing.IMessageProducer>()));
}
