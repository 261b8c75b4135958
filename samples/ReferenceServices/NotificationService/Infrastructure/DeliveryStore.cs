using System.Globalization;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts.Notifications;

namespace NotificationService.Infrastructure;

/// <summary>Every delivery (SENT or FAILED) in SQLite, queryable by user and by transaction.</summary>
public sealed class DeliveryStore
{
    private const string Columns = "id, notification_id, user_id, channel, subject, body, transaction_id, status, provider_message_id, error, delivered_at";
    private readonly string _connectionString;

    public DeliveryStore(string connectionString)
    {
        _connectionString = connectionString;
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS deliveries (
                id TEXT PRIMARY KEY, notification_id TEXT NOT NULL, user_id TEXT NOT NULL, channel TEXT NOT NULL, subject TEXT NOT NULL,
                body TEXT NOT NULL, transaction_id TEXT NULL, status TEXT NOT NULL, provider_message_id TEXT NULL, error TEXT NULL, delivered_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS deliveries_user ON deliveries (user_id, delivered_at);
            CREATE INDEX IF NOT EXISTS deliveries_transaction ON deliveries (transaction_id);
            CREATE INDEX IF NOT EXISTS deliveries_notification ON deliveries (notification_id, channel);
            """;
        command.ExecuteNonQuery();
    }

    public async Task<NotificationDeliveryDto> RecordAsync(NotificationDeliveryDto d)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO deliveries ({Columns}) VALUES ($id, $nid, $user, $channel, $subject, $body, $tx, $status, $mid, $error, $at)";
        command.Parameters.AddWithValue("$id", d.Id);
        command.Parameters.AddWithValue("$nid", d.NotificationId);
        command.Parameters.AddWithValue("$user", d.UserId);
        command.Parameters.AddWithValue("$channel", d.Channel);
        command.Parameters.AddWithValue("$subject", d.Subject);
        command.Parameters.AddWithValue("$body", d.Body);
        command.Parameters.AddWithValue("$tx", (object?)d.TransactionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", d.Status);
        command.Parameters.AddWithValue("$mid", (object?)d.ProviderMessageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)d.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", d.DeliveredAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
        return d;
    }

    public async Task<NotificationDeliveryDto?> FindSentAsync(string notificationId, string channel) =>
        (await QueryAsync($"SELECT {Columns} FROM deliveries WHERE notification_id = $nid AND channel = $channel AND status = 'SENT' LIMIT 1",
            ("$nid", notificationId), ("$channel", channel))).FirstOrDefault();

    public async Task<NotificationDeliveryDto?> FindAsync(string id) =>
        (await QueryAsync($"SELECT {Columns} FROM deliveries WHERE id = $id", ("$id", id))).FirstOrDefault();

    /// <summary>Newest first, filtered by user and/or transaction.</summary>
    public async Task<IReadOnlyList<NotificationDeliveryDto>> ListAsync(string? userId, string? transactionId, int limit)
    {
        List<(string, object)> parameters = [("$limit", limit)];
        List<string> where = [];
        if (userId is not null)
        {
            where.Add("user_id = $user");
            parameters.Add(("$user", userId));
        }

        if (transactionId is not null)
        {
            where.Add("transaction_id = $tx");
            parameters.Add(("$tx", transactionId));
        }

        string filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        return await QueryAsync($"SELECT {Columns} FROM deliveries{filter} ORDER BY delivered_at DESC, id LIMIT $limit", [.. parameters]);
    }

    private async Task<List<NotificationDeliveryDto>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        List<NotificationDeliveryDto> deliveries = [];
        await using SqliteDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            deliveries.Add(new NotificationDeliveryDto(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Text(reader, 6), reader.GetString(7), Text(reader, 8), Text(reader, 9),
                DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture)));
        }

        return deliveries;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }
}
