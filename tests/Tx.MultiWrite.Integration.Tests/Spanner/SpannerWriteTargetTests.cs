using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.Spanner.Targets;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Integration.Tests.Spanner;

/// <summary>The Spanner leg's SQL against the local PostgreSQL, its stand-in on every run.</summary>
[Trait("Category", "Integration")]
public sealed class SpannerWriteTargetTests : WriteTargetComplianceTests
{
    private PostgresSchema? _schema;

    protected override async Task<IWriteTarget> CreateTargetAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        return new SpannerWriteTarget("spanner", new SpannerTargetOptions { ConnectionString = _schema.ConnectionString });
    }

    protected override async Task<int> CountRowsAsync(Guid writeId) =>
        (int)await _schema!.ScalarAsync($"SELECT COUNT(*) FROM multiwrite_records WHERE write_id = '{writeId:D}'");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema!.DisposeAsync();
    }
}
