using System.Text.Json;
using Npgsql;

namespace Tx.EventStore.Providers.Benchmarks;

/// <summary>
/// The floor: plain Npgsql writing and reading the same rows (one autocommit multi-row INSERT per commit, no stream
/// row, no version check, no global-order lock), with the same JSON serialization.
/// </summary>
public sealed class RawPostgreSqlStore(string schema) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(BenchEnvironment.PostgreSql) { MaxAutoPrepare = 32 }.ConnectionString);

    public async Task CreateAsync()
    {
        await using var command = _dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.events (
                position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, version bigint NOT NULL,
                event_id uuid NOT NULL UNIQUE, type text NOT NULL, data bytea NOT NULL, created_at timestamptz NOT NULL,
                UNIQUE (stream_id, version));
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task AppendAsync(string streamId, long version, int count)
    {
        var ids = new Guid[count];
        var data = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            ids[i] = Guid.CreateVersion7();
            data[i] = JsonSerializer.SerializeToUtf8Bytes(new AccountDebited(streamId, "acc_1", 10 + i));
        }

        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {schema}.events (stream_id, version, event_id, type, data, created_at)
            SELECT $1, $2 + t.ord, t.id, 'AccountDebited', t.d, now() FROM unnest($3::uuid[], $4::bytea[]) WITH ORDINALITY AS t(id, d, ord)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<decimal> RehydrateAsync(string streamId)
    {
        await using var command = _dataSource.CreateCommand($"SELECT data FROM {schema}.events WHERE stream_id = $1 ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
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
        while (true)
        {
            await using var command = _dataSource.CreateCommand($"SELECT position, stream_id, version, event_id, type, data, created_at FROM {schema}.events WHERE position > $1 ORDER BY position LIMIT $2");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
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
