using Tx.Cqrs.Logging;

namespace Tx.Cqrs;

/// <summary>Adds the shipped logging middleware.</summary>
public static class LoggingCqrsBuilderExtensions
{
    /// <summary>
    /// Adds the logging middleware to the command and query pipelines, at the current position (add it
    /// first so it also times and logs validation failures). It logs through <c>ILogger</c> under the
    /// category "Tx.Cqrs.Logging": start (debug), completion with the duration in milliseconds
    /// (information, or warning above <see cref="TxCqrsOptions.SlowDispatchThreshold"/>), failure (error).
    /// Without a registered <c>ILoggerFactory</c> it is left out of the pipeline.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITxCqrsBuilder UseLogging(this ITxCqrsBuilder builder) =>
        builder.AddMiddleware(typeof(LoggingMiddleware<,>));
}
