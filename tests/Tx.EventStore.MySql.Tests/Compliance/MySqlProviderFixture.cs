using MySqlConnector;
using Tx.EventStore.ComplianceTests;
using Tx.EventStore.Providers;
using Tx.TestUtilities;

namespace Tx.EventStore.MySql.Tests.Compliance;

/// <summary>One database per test class on the local MariaDB, one table prefix per store name; dropped when the class is done.</summary>
public sealed class MySqlProviderFixture : EventStoreProviderFixture
{
    public string Database { get; } = "txes_" + Guid.NewGuid().ToString("N")[..16];

    public string ConnectionString => new MySqlConnectionStringBuilder(TestEnvironment.MySql) { Database = Database }.ConnectionString;

    public override ValueTask<IEventStoreProvider> CreateProviderAsync(ProviderTestOptions options)
    {
        var provider = new MySqlEventStoreProvider(new MySqlEventStoreOptions
        {
            ConnectionString = ConnectionString,
            TablePrefix = options.StoreName,
        })
        {
            BeforeCommit = options.BeforeCommit,
        };
        return ValueTask.FromResult<IEventStoreProvider>(provider);
    }

    public override async Task InitializeAsync() => await ExecuteAsync($"CREATE DATABASE `{Database}` CHARACTER SET utf8mb4");

    public override async Task DisposeAsync()
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS `{Database}`");
        MySqlConnection.ClearAllPools();
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(TestEnvironment.MySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
