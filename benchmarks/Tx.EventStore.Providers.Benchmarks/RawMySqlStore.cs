using System.Globalization;
using System.Text;
using System.Text.Json;
using MySqlConnector;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// The floor: plain MySqlConnector writing and reading the same rows (one autocommit multi-row INSERT per commit,
/// AUTO_INCREMENT positions, no stream row, no version check, no commit-order lock), with the same JSON serialization.
/// </summary>
public sealed class RawMySqlStore(string database) : IAsyncDisposable
{
    private readonly MySqlDataSource _dataSource = new(BenchEnvironment.MySql(database));

    public async Task CreateAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new MySqlCommand("""
            CREATE TABLE IF NOT EXISTS raw_events (
                position BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, stream_id VARCHAR(200) COLLATE utf8mb4_bin NOT NULL, version BIGINT NOT NULL,
                event_id CHAR(36) CHARACTER SET ascii NOT NULL UNIQUE, type VARCHAR(200) NOT NULL, data LONGBLOB NOT NULL, created_at DATETIME(6) NOT NULL,
                UNIQUE KEY (stream_id, version)) ENGINE=InnoDB
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task AppendAsync(string streamId, long version, int count)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new MySqlCommand { Connection = connection };
        var sql = new StringBuilder("INSERT INTO raw_events (stream_id, version, event_id, type, data, created_at) VALUES ");
        command.Parameters.AddWithValue("@s", streamId);
        command.Parameters.AddWithValue("@now", DateTime.UtcNow);
        for (int i = 0; i < count; i++)
        {
            string k = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"(@s, @v{k}, @i{k}, 'AccountDebited', @d{k}, @now)");
            command.Parameters.AddWithValue("@v" + k, version + i + 1);
            command.Parameters.AddWithValue("@i" + k, Guid.CreateVersion7());
            command.Parameters.AddWithValue("@d" + k, JsonSerializer.SerializeToUtf8Bytes(new AccountDebited(streamId, "acc_1", 10 + i)));
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
    }

    public async Task<decimal> RehydrateAsync(string streamId)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT data FROM raw_events WHERE stream_id = @s ORDER BY version", connection);
        command.Parameters.AddWithValue("@s", streamId);
        await using var reader = await command.ExecuteReaderAsync();
        var account = new BenchAccount();
        while (await reader.ReadAsync())
        {
            account.Fold(JsonSerializer.Deserialize<AccountDebited>(reader.GetFieldValue<byte[]>(0))!);
        }

        return account.Debited;
    }

    public async Task<int> ReadAllAsync(int pageSize)
    {
        long after = 0;
        int total = 0;
        await using var connection = await _dataSource.OpenConnectionAsync();
        while (true)
        {
            await using var command = new MySqlCommand("SELECT position, stream_id, version, event_id, type, data, created_at FROM raw_events WHERE position > @a ORDER BY position LIMIT @m", connection);
            command.Parameters.AddWithValue("@a", after);
            command.Parameters.AddWithValue("@m", pageSize);
            await using var reader = await command.ExecuteReaderAsync();
            int read = 0;
            while (await reader.ReadAsync())
            {
                after = reader.GetInt64(0);
                _ = (reader.GetString(1), reader.GetInt64(2), reader.GetGuid(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5), reader.GetDateTime(6));
                read++;
            }

            if (read == 0)
            {
                return total;
            }

            total += read;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
