using Microsoft.Extensions.DependencyInjection;
using Tx.Messaging.InProcess;

namespace Tx.Messaging;

/// <summary>Configures the in-process transport (the default transport of <c>AddTxMessaging</c>).</summary>
public static class InProcessMessagingBuilderExtensions
{
    /// <summary>Configures the in-process transport: partitions of implicitly created topics and the per-partition capacity.</summary>
    /// <param name="builder">The messaging builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static ITxMessagingBuilder UseInProcess(this ITxMessagingBuilder builder, Action<InProcessOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
