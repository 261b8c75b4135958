using Tx.MultiWrite.ComplianceTests;
using Tx.MultiWrite.Intents;

namespace Tx.MultiWrite.Tests.Intents;

public sealed class InMemoryWriteLedgerTests : WriteLedgerComplianceTests
{
    protected override Task<IWriteLedger> CreateLedgerAsync() => Task.FromResult<IWriteLedger>(new InMemoryWriteLedger());
}
