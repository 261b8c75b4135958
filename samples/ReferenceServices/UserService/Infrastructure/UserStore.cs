using System.Globalization;
using Microsoft.Data.Sqlite;
using UserService.Application;

namespace UserService.Infrastructure;

/// <summary>Users in SQLite. Username and email are unique without regard to case (the UNIQUE constraints decide,
/// so two concurrent registrations of one name cannot both succeed).</summary>
public sealed class UserStore
{
    private const string Columns = "id, username, email, full_name, password_hash, created_at";
    private readonly string _connectionString;

    public UserStore(string connectionString)
    {
        _connectionString = connectionString;
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                full_name TEXT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts the user; throws <see cref="DuplicateUserException"/> naming <c>username</c> or <c>email</c>.</summary>
    public async Task AddAsync(StoredUser user)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO users ({Columns}) VALUES ($id, $username, $email, $fullName, $hash, $at)";
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$username", user.Username);
        command.Parameters.AddWithValue("$email", user.Email);
        command.Parameters.AddWithValue("$fullName", (object?)user.FullName ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$at", user.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT
        {
            string field = ex.Message.Contains("users.email", StringComparison.Ordinal) ? "email" : "username";
            throw new DuplicateUserException(field, $"'{field}' is already registered.");
        }
    }

    public async Task<StoredUser?> FindByIdAsync(string id) =>
        await QuerySingleAsync($"SELECT {Columns} FROM users WHERE id = $value", id);

    /// <summary>By username or email, case-insensitive.</summary>
    public async Task<StoredUser?> FindByLoginAsync(string login) =>
        await QuerySingleAsync($"SELECT {Columns} FROM users WHERE username = $value OR email = $value", login);

    public async Task UpdatePasswordHashAsync(string id, string hash)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password_hash = $hash WHERE id = $id";
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<StoredUser?> QuerySingleAsync(string sql, string value)
    {
        await using SqliteConnection connection = Open();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$value", value);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new StoredUser(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture))
            : null;
    }

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }
}
