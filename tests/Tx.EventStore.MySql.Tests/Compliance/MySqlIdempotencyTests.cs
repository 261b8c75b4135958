using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.MySql.Tests.Compliance;

public sealed class MySqlIdempotencyTests(MySqlProviderFixture fixture) : IdempotencyComplianceTests(fixture), IClassFixture<MySqlProviderFixture>;
