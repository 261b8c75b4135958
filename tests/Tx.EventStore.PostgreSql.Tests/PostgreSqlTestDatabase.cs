using Npgsql;
using Tx.TestUtilities;

namespace Tx.EventStore.PostgreSql.Tests;

/// <summary>Unique schema names on the local server, dropped when the test class is disposed.</summary>
public sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    private readonly List<string> _schemas = [];

    public string NewSchema()
    {
        string schema = "txest_" + Guid.NewGuid().ToString("N")[..16];
        lock (_schemas)
        {
            _schemas.Add(schema);
        }

        return schema;
    }

    public PostgreSqlEventStoreProvider CreateProvider(string schema, Action<PostgreSqlEventStoreOptions>? configure = null)
    {
        var options = new PostgreSqlEventStoreOptions { ConnectionString = TestEnvironment.PostgreSql, Schema = schema };
        configure?.Invoke(options);
        return new PostgreSqlEventStoreProvider(options);
    }

    public static async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgreSql);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgreSql);
        await connection.OpenAsync();
        foreach (string schema in _schemas)
        {
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
