namespace Tx.MultiWrite.Writing;

internal enum LegAttemptKind
{
    Written,
    AlreadyPresent,
    Tombstoned,
    TimedOut,
    Failed,
    Rejected,
}
