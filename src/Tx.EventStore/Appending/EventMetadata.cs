namespace Tx.EventStore.Appending;

/// <summary>Who and what caused an event: correlation, causation and user.</summary>
/// <param name="CorrelationId">The id shared by every event of one business flow (for example a request id).</param>
/// <param name="CausationId">The id of the command or event that caused this event.</param>
/// <param name="UserId">The user on whose behalf the event was written.</param>
public sealed record EventMetadata(string? CorrelationId = null, string? CausationId = null, string? UserId = null)
{
    /// <summary>Gets metadata with no values.</summary>
    public static EventMetadata Empty { get; } = new();
}
