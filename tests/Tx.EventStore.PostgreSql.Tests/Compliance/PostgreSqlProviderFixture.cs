using System.Collections.Concurrent;
using Npgsql;
using Tx.EventStore.ComplianceTests;
using Tx.EventStore.Providers;
using Tx.TestUtilities;

namespace Tx.EventStore.PostgreSql.Tests.Compliance;

/// <summary>One PostgreSQL schema per store name on the local server; all of them dropped when the class is done.</summary>
public sealed class PostgreSqlProviderFixture : EventStoreProviderFixture
{
    private readonly ConcurrentDictionary<string, byte> _schemas = new();

    public static string SchemaFor(string storeName) => "txes_" + storeName.ToLowerInvariant();

    public override ValueTask<IEventStoreProvider> CreateProviderAsync(ProviderTestOptions options)
    {
        string schema = SchemaFor(options.StoreName);
        _schemas.TryAdd(schema, 0);
        var provider = new PostgreSqlEventStoreProvider(new PostgreSqlEventStoreOptions
        {
            ConnectionString = TestEnvironment.PostgreSql,
            Schema = schema,
        })
        {
            BeforeCommit = options.BeforeCommit,
        };
        return ValueTask.FromResult<IEventStoreProvider>(provider);
    }

    public override async Task DisposeAsync()
    {
        if (_schemas.IsEmpty)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(TestEnvironment.PostgreSql);
        await connection.OpenAsync();
        foreach (string schema in _schemas.Keys)
        {
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
