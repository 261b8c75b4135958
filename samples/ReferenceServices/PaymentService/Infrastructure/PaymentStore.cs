using System.Globalization;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts.Payments;

namespace PaymentService.Infrastructure;

/// <summary>Payment intents in SQLite; amounts as invariant decimal text.</summary>
public sealed class PaymentStore
{
    private const string Columns = "id, user_id, account_id, amount, currency, status, failure_reason, provider_reference, description, created_at, updated_at, simulate_failure";
    private readonly string _connectionString;

    public PaymentStore(string connectionString)
    {
        _connectionString = connectionString;
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS payment_intents (
                id TEXT PRIMARY KEY, user_id TEXT NOT NULL, account_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
                status TEXT NOT NULL, failure_reason TEXT NULL, provider_reference TEXT NULL, description TEXT NULL,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL, simulate_failure TEXT NULL);
            CREATE INDEX IF NOT EXISTS payment_intents_user ON payment_intents (user_id);
            """;
        command.ExecuteNonQuery();
    }

    public async Task AddAsync(StoredIntent stored)
    {
        PaymentIntentDto i = stored.Intent;
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO payment_intents ({Columns}) VALUES ($id, $user, $account, $amount, $currency, $status, $reason, $reference, $description, $created, $updated, $simulate)";
        command.Parameters.AddWithValue("$id", i.Id);
        command.Parameters.AddWithValue("$user", i.UserId);
        command.Parameters.AddWithValue("$account", i.AccountId);
        command.Parameters.AddWithValue("$amount", i.Amount.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$currency", i.Currency);
        command.Parameters.AddWithValue("$status", i.Status);
        command.Parameters.AddWithValue("$reason", (object?)i.FailureReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$reference", (object?)i.ProviderReference ?? DBNull.Value);
        command.Parameters.AddWithValue("$description", (object?)i.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", i.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$updated", i.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$simulate", (object?)stored.SimulateFailure ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    public async Task UpdateAsync(PaymentIntentDto intent)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "UPDATE payment_intents SET status = $status, failure_reason = $reason, provider_reference = $reference, updated_at = $updated WHERE id = $id";
        command.Parameters.AddWithValue("$id", intent.Id);
        command.Parameters.AddWithValue("$status", intent.Status);
        command.Parameters.AddWithValue("$reason", (object?)intent.FailureReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$reference", (object?)intent.ProviderReference ?? DBNull.Value);
        command.Parameters.AddWithValue("$updated", intent.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<StoredIntent?> FindAsync(string id) =>
        (await QueryAsync($"SELECT {Columns} FROM payment_intents WHERE id = $value", id)).FirstOrDefault();

    public async Task<IReadOnlyList<PaymentIntentDto>> ListAsync(string? userId) =>
        [.. (userId is null
            ? await QueryAsync($"SELECT {Columns} FROM payment_intents ORDER BY created_at DESC LIMIT 500", null)
            : await QueryAsync($"SELECT {Columns} FROM payment_intents WHERE user_id = $value ORDER BY created_at DESC LIMIT 500", userId))
            .Select(s => s.Intent)];

    public async Task<long> CountAsync()
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM payment_intents";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<StoredIntent>> QueryAsync(string sql, string? value)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        if (value is not null)
        {
            command.Parameters.AddWithValue("$value", value);
        }

        List<StoredIntent> intents = [];
        await using SqliteDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            intents.Add(new StoredIntent(
                new PaymentIntentDto(reader.GetString(0), reader.GetString(1), reader.GetString(2), decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                    reader.GetString(4), reader.GetString(5), NullableText(reader, 6), NullableText(reader, 7), NullableText(reader, 8),
                    DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture)),
                NullableText(reader, 11)));
        }

        return intents;
    }

    private static string? NullableText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }
}
