namespace Tx.MultiWrite.Integration.Tests.Stores;

public sealed record StoreCounts(long Rows, long DistinctKeys, long Tombstones, long SuccessAudits)
{
    public long Duplicates => Rows - DistinctKeys;
}
