using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SettlementService.Application;

namespace SettlementService.Infrastructure;

/// <summary>Settleable transactions and batches in SQLite. Times are stored as UTC round-trip strings, so they order as text.</summary>
public sealed class SettlementStore
{
    private readonly string _connectionString;

    public SettlementStore(string connectionString)
    {
        _connectionString = connectionString;
        using SqliteConnection connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS transactions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, type TEXT NOT NULL, amount TEXT NOT NULL,
                currency TEXT NOT NULL, completed_at TEXT NOT NULL, batch_id TEXT NULL);
            CREATE INDEX IF NOT EXISTS ix_transactions_completed ON transactions (completed_at);
            CREATE TABLE IF NOT EXISTS batches (id TEXT PRIMARY KEY, body TEXT NOT NULL);
            """);
    }

    public void RecordCompleted(SettleableTransaction t)
    {
        using SqliteConnection connection = Open();
        Execute(connection, "INSERT OR IGNORE INTO transactions VALUES ($id, $user, $type, $amount, $currency, $at, NULL)",
            ("$id", t.Id), ("$user", t.UserId), ("$type", t.Type), ("$amount", t.Amount.ToString(CultureInfo.InvariantCulture)),
            ("$currency", t.Currency), ("$at", Time(t.CompletedAt)));
    }

    public SettleableTransaction? Find(string id)
    {
        using SqliteConnection connection = Open();
        return Query(connection, "SELECT id, user_id, type, amount, currency, completed_at, batch_id FROM transactions WHERE id = $id", ("$id", id)).FirstOrDefault();
    }

    public IReadOnlyList<SettleableTransaction> Unsettled(DateTimeOffset from, DateTimeOffset to)
    {
        using SqliteConnection connection = Open();
        return Query(connection, """
            SELECT id, user_id, type, amount, currency, completed_at, batch_id FROM transactions
            WHERE batch_id IS NULL AND completed_at >= $from AND completed_at < $to ORDER BY completed_at, id
            """, ("$from", Time(from)), ("$to", Time(to)));
    }

    public SettlementBatch? FindBatch(string id)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM batches WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is string body ? JsonSerializer.Deserialize<SettlementBatch>(body, JsonSerializerOptions.Web) : null;
    }

    /// <summary>Stores the batch and marks its transactions, in one transaction.</summary>
    public void SaveBatch(SettlementBatch batch)
    {
        using SqliteConnection connection = Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        Execute(connection, "INSERT INTO batches VALUES ($id, $body)", ("$id", batch.Id), ("$body", JsonSerializer.Serialize(batch, JsonSerializerOptions.Web)));
        foreach (string id in batch.TransactionIds)
        {
            Execute(connection, "UPDATE transactions SET batch_id = $batch WHERE id = $id AND batch_id IS NULL", ("$batch", batch.Id), ("$id", id));
        }

        transaction.Commit();
    }

    public void UpdateBatch(SettlementBatch batch)
    {
        using SqliteConnection connection = Open();
        Execute(connection, "UPDATE batches SET body = $body WHERE id = $id", ("$id", batch.Id), ("$body", JsonSerializer.Serialize(batch, JsonSerializerOptions.Web)));
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static List<SettleableTransaction> Query(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        List<SettleableTransaction> rows = [];
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new SettleableTransaction(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture), reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }
}
