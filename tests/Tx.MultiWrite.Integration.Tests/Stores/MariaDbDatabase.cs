using MySqlConnector;
using Tx.TestUtilities;

namespace Tx.MultiWrite.Integration.Tests.Stores;

/// <summary>A uniquely named MariaDB database, dropped on dispose (test assemblies run in parallel).</summary>
public sealed class MariaDbDatabase : IAsyncDisposable
{
    private MariaDbDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<MariaDbDatabase> CreateAsync()
    {
        string name = "mw_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new MySqlConnection(TestEnvironment.MySql))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}`", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new MySqlConnectionStringBuilder(TestEnvironment.MySql) { Database = name, MaximumPoolSize = 40, ConnectionTimeout = 15, DefaultCommandTimeout = 30 };
        return new MariaDbDatabase(name, builder.ConnectionString);
    }

    /// <summary>The same database through a proxy port.</summary>
    public string Through(int port) => new MySqlConnectionStringBuilder(ConnectionString) { Server = "127.0.0.1", Port = (uint)port }.ConnectionString;

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await using var connection = new MySqlConnection(TestEnvironment.MySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", connection);
        await command.ExecuteNonQueryAsync();
    }
}
