using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Intents;
using Tx.MultiWrite.Integration.Tests.Stores;
using Tx.MultiWrite.MySql.Ledger;

namespace Tx.MultiWrite.Integration.Tests.MySql;

[Trait("Category", "Integration")]
public sealed class MySqlWriteLedgerTests : WriteLedgerComplianceTests
{
    private MariaDbDatabase? _database;

    protected override async Task<IWriteLedger> CreateLedgerAsync()
    {
        _database = await MariaDbDatabase.CreateAsync();
        return new MySqlWriteLedger(new MySqlLedgerOptions { ConnectionString = _database.ConnectionString });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database!.DisposeAsync();
    }
}
