using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.MySql.Targets;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Integration.Tests.MySql;

[Trait("Category", "Integration")]
public sealed class MySqlWriteTargetTests : WriteTargetComplianceTests
{
    private MariaDbDatabase? _database;

    protected override async Task<IWriteTarget> CreateTargetAsync()
    {
        _database = await MariaDbDatabase.CreateAsync();
        return new MySqlWriteTarget("mysql", new MySqlTargetOptions { ConnectionString = _database.ConnectionString });
    }

    protected override async Task<int> CountRowsAsync(Guid writeId) =>
        (int)await _database!.ScalarAsync($"SELECT COUNT(*) FROM multiwrite_records WHERE write_id = '{writeId:D}'");

    [Fact]
    public async Task WriteAsync_WritesOneAuditRowInTheSameTransaction()
    {
        TargetRecord record = NewRecord();

        await Target.WriteAsync(record, default);
        await Target.WriteAsync(record, default);

        Assert.Equal(1, await _database!.ScalarAsync($"SELECT COUNT(*) FROM write_audit WHERE write_id = '{record.WriteId:D}' AND database_name = 'mysql' AND status = 'success'"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database!.DisposeAsync();
    }
}
