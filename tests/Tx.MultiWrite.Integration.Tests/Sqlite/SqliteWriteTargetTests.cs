using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.Sqlite.Targets;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Integration.Tests.Sqlite;

public sealed class SqliteWriteTargetTests : WriteTargetComplianceTests
{
    private readonly SqliteFile _file = new();

    protected override Task<IWriteTarget> CreateTargetAsync() =>
        Task.FromResult<IWriteTarget>(new SqliteWriteTarget("sqlite", new SqliteTargetOptions { Path = _file.Path }));

    protected override async Task<int> CountRowsAsync(Guid writeId) =>
        (int)await _file.ScalarAsync($"SELECT COUNT(*) FROM multiwrite_records WHERE write_id = '{writeId:D}'");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}
