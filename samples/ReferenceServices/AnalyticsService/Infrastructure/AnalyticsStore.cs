using System.Globalization;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts;

namespace AnalyticsService.Infrastructure;

/// <summary>Hourly aggregates per currency in SQLite. Each event is applied in one transaction together with its
/// (transaction id, stream version) marker, so a redelivered event changes nothing.</summary>
public sealed class AnalyticsStore
{
    private readonly string _connectionString;
    private readonly Lock _writer = new();

    public AnalyticsStore(string connectionString)
    {
        _connectionString = connectionString;
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS processed (transaction_id TEXT NOT NULL, stream_version INTEGER NOT NULL, PRIMARY KEY (transaction_id, stream_version));
            CREATE TABLE IF NOT EXISTS hourly (hour TEXT NOT NULL, currency TEXT NOT NULL, initiated INTEGER NOT NULL, completed INTEGER NOT NULL,
                failed INTEGER NOT NULL, volume TEXT NOT NULL, PRIMARY KEY (hour, currency));
            """;
        command.ExecuteNonQuery();
    }

    public void Apply(TransactionIntegrationEvent e)
    {
        (int initiated, int completed, int failed, decimal volume) = e.EventType switch
        {
            "TransactionInitiated" => (1, 0, 0, 0m),
            "TransactionCompleted" => (0, 1, 0, e.Amount),
            "TransactionFailed" => (0, 0, 1, 0m),
            _ => (0, 0, 0, 0m),
        };
        string hour = HourOf(e.OccurredAt);
        lock (_writer)
        {
            using SqliteConnection connection = Open();
            using SqliteTransaction transaction = connection.BeginTransaction();
            if (Execute(connection, "INSERT OR IGNORE INTO processed VALUES ($t, $v)", ("$t", e.TransactionId), ("$v", e.StreamVersion)) == 0)
            {
                return; // seen before
            }

            if (initiated + completed + failed > 0)
            {
                AnalyticsBucket current = Query(connection, "SELECT hour, currency, initiated, completed, failed, volume FROM hourly WHERE hour = $h AND currency = $c",
                    ("$h", hour), ("$c", e.Currency)).FirstOrDefault() ?? new AnalyticsBucket(hour, e.Currency, 0, 0, 0, 0m);
                Execute(connection, "INSERT OR REPLACE INTO hourly VALUES ($h, $c, $i, $ok, $f, $vol)",
                    ("$h", hour), ("$c", e.Currency), ("$i", current.Initiated + initiated), ("$ok", current.Completed + completed),
                    ("$f", current.Failed + failed), ("$vol", (current.Volume + volume).ToString(CultureInfo.InvariantCulture)));
            }

            transaction.Commit();
        }
    }

    /// <summary>Hourly buckets in [from, to), optionally one currency, oldest first.</summary>
    public IReadOnlyList<AnalyticsBucket> Hourly(DateTimeOffset? from, DateTimeOffset? to, string? currency)
    {
        using SqliteConnection connection = Open();
        return Query(connection, """
            SELECT hour, currency, initiated, completed, failed, volume FROM hourly
            WHERE ($from IS NULL OR hour >= $from) AND ($to IS NULL OR hour < $to) AND ($c IS NULL OR currency = $c)
            ORDER BY hour, currency
            """,
            ("$from", from is { } f ? HourOf(f) : DBNull.Value), ("$to", to is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : DBNull.Value),
            ("$c", (object?)currency ?? DBNull.Value));
    }

    public long EventsProcessed()
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM processed";
        return (long)command.ExecuteScalar()!;
    }

    public static string HourOf(DateTimeOffset at)
    {
        DateTime utc = at.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    private static List<AnalyticsBucket> Query(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        List<AnalyticsBucket> buckets = [];
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            buckets.Add(new AnalyticsBucket(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                decimal.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }

        return buckets;
    }
}
