using System.ComponentModel.DataAnnotations;

namespace Tx.Cqrs;

/// <summary>Options of the command and query buses, bound and validated at start-up.</summary>
public sealed class TxCqrsOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether every dispatch runs in a fresh service scope, even when the
    /// handler and the validators are singletons. Set it when your own middlewares resolve scoped services
    /// from <see cref="Pipeline.MessageContext.Services"/>. Scoped and transient handlers always get a fresh
    /// scope per dispatch.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CreateScopePerDispatch { get; set; }

    /// <summary>
    /// Gets or sets the duration above which the logging middleware logs a completed message as a warning
    /// instead of at information level.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan SlowDispatchThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
