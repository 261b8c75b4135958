namespace Tx.MultiWrite.Writing;

/// <summary>The outcome of one attempt at one leg.</summary>
internal readonly record struct LegAttempt(LegAttemptKind Kind, string? Error, TimeSpan RetryAfter)
{
    public bool Succeeded => Kind is LegAttemptKind.Written or LegAttemptKind.AlreadyPresent or LegAttemptKind.Tombstoned;

    /// <summary>Gets whether the target was called (a rejected attempt burns no attempt).</summary>
    public bool Attempted => Kind != LegAttemptKind.Rejected;

    public string OutcomeName => Kind switch
    {
        LegAttemptKind.Written => "written",
        LegAttemptKind.AlreadyPresent => "already_present",
        LegAttemptKind.Tombstoned => "tombstoned",
        LegAttemptKind.TimedOut => "timeout",
        LegAttemptKind.Failed => "failed",
        _ => "rejected",
    };
}
