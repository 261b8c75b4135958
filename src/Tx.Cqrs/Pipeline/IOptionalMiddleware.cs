namespace Tx.Cqrs.Pipeline;

/// <summary>
/// Implemented by shipped middlewares that have nothing to do for some message types (validation
/// without validators, logging with logging switched off): the pipeline builder leaves them out, so
/// they cost nothing at dispatch time.
/// </summary>
internal interface IOptionalMiddleware
{
    bool IsActive { get; }
}
