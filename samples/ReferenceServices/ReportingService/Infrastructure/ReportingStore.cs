using System.Globalization;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts;

namespace ReportingService.Infrastructure;

/// <summary>The latest state of every transaction seen on <c>transaction-events</c>, in SQLite.</summary>
public sealed class ReportingStore
{
    private const string Columns = "id, user_id, type, amount, currency, status, version, updated_at";
    private readonly string _connectionString;

    public ReportingStore(string connectionString)
    {
        _connectionString = connectionString;
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS transactions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, type TEXT NOT NULL, amount TEXT NOT NULL,
                currency TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_transactions_updated ON transactions (updated_at);
            """;
        command.ExecuteNonQuery();
    }

    public void Upsert(TransactionIntegrationEvent e)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO transactions ({Columns}) VALUES ($id, $user, $type, $amount, $currency, $status, $version, $at)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, version = excluded.version, updated_at = excluded.updated_at
            WHERE excluded.version > transactions.version
            """;
        command.Parameters.AddWithValue("$id", e.TransactionId);
        command.Parameters.AddWithValue("$user", e.UserId);
        command.Parameters.AddWithValue("$type", e.TransactionType);
        command.Parameters.AddWithValue("$amount", e.Amount.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$currency", e.Currency);
        command.Parameters.AddWithValue("$status", e.Status);
        command.Parameters.AddWithValue("$version", e.StreamVersion);
        command.Parameters.AddWithValue("$at", Time(e.OccurredAt));
        command.ExecuteNonQuery();
    }

    public ReportedTransaction? Find(string id) => Query("WHERE id = $a", ("$a", id)).FirstOrDefault();

    /// <summary>Transactions whose last change is in [from, to).</summary>
    public IReadOnlyList<ReportedTransaction> UpdatedBetween(DateTimeOffset from, DateTimeOffset to) =>
        Query("WHERE updated_at >= $a AND updated_at < $b ORDER BY updated_at", ("$a", Time(from)), ("$b", Time(to)));

    private List<ReportedTransaction> Query(string where, params (string Name, object Value)[] parameters)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM transactions {where}";
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        List<ReportedTransaction> rows = [];
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new ReportedTransaction(reader.GetString(0), reader.GetString(1), reader.GetString(2), decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.GetString(4), reader.GetString(5), reader.GetInt64(6), DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }
}
