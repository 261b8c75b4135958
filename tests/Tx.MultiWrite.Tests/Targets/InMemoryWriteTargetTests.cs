using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Tests.Targets;

public sealed class InMemoryWriteTargetTests : WriteTargetComplianceTests
{
    private InMemoryWriteTarget? _target;

    protected override Task<IWriteTarget> CreateTargetAsync()
    {
        _target = new InMemoryWriteTarget("memory");
        return Task.FromResult<IWriteTarget>(_target);
    }

    protected override Task<int> CountRowsAsync(Guid writeId) => Task.FromResult(_target!.Rows.ContainsKey(writeId) ? 1 : 0);
}
