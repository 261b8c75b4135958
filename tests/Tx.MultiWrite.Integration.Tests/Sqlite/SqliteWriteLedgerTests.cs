using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.Sqlite.Ledger;

namespace Tx.MultiWrite.Integration.Tests.Sqlite;

public sealed class SqliteWriteLedgerTests : WriteLedgerComplianceTests
{
    private readonly SqliteFile _file = new();

    protected override Task<IWriteLedger> CreateLedgerAsync() =>
        Task.FromResult<IWriteLedger>(new SqliteWriteLedger(new SqliteLedgerOptions { Path = _file.Path }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}
