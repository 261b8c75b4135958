using Tx.EventStore.ComplianceTests;

namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteSubscriptionTests(SqliteProviderFixture fixture) : SubscriptionComplianceTests(fixture), IClassFixture<SqliteProviderFixture>;
