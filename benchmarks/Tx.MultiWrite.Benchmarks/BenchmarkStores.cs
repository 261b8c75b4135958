using MySqlConnector;
using Npgsql;

namespace Tx.MultiWrite.Benchmarks;

/// <summary>A throw-away MariaDB database, PostgreSQL schema and SQLite file for one benchmark class.</summary>
internal sealed class BenchmarkStores
{
    private static readonly string s_mySql = Environment.GetEnvironmentVariable("TX_MYSQL") ?? "Server=127.0.0.1;Port=3306;User ID=tx;Password=tx;Database=tx_tests";
    private static readonly string s_postgres = Environment.GetEnvironmentVariable("TX_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=tx;Password=tx;Database=tx_tests";
    private readonly string _name = "mwb_" + Guid.NewGuid().ToString("N")[..10];

    public string MySql => new MySqlConnectionStringBuilder(s_mySql) { Database = _name, MaximumPoolSize = 64 }.ConnectionString;

    public string Postgres => new NpgsqlConnectionStringBuilder(s_postgres) { SearchPath = _name, MaxPoolSize = 20 }.ConnectionString;

    public string SqlitePath { get; } = Path.Combine(Path.GetTempPath(), "mwb_" + Guid.NewGuid().ToString("N")[..10] + ".db");

    public void Create()
    {
        using (var connection = new MySqlConnection(s_mySql))
        {
            connection.Open();
            using var command = new MySqlCommand($"CREATE DATABASE `{_name}`", connection);
            command.ExecuteNonQuery();
        }

        using (var connection = new NpgsqlConnection(s_postgres))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {_name}", connection);
            command.ExecuteNonQuery();
        }
    }

    public void Drop()
    {
        MySqlConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        using (var connection = new MySqlConnection(s_mySql))
        {
            connection.Open();
            using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{_name}`", connection);
            command.ExecuteNonQuery();
        }

        using (var connection = new NpgsqlConnection(s_postgres))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_name} CASCADE", connection);
            command.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(SqlitePath + suffix);
        }
    }
}
