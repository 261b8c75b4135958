using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Tx.EventStore.Benchmarks;

/// <summary>
/// The raw-SQL floor: the cheapest way to store and read the same rows with Microsoft.Data.Sqlite (one prepared
/// INSERT per event in a transaction per commit, no version check, no stream row, no idempotency).
/// </summary>
public sealed class RawSqlite : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tx-es-raw-" + Guid.NewGuid().ToString("N") + ".db");

    public RawSqlite(bool durable)
    {
        _connection = new SqliteConnection($"Data Source={_path}");
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = $"""
                PRAGMA journal_mode = WAL; PRAGMA synchronous = {(durable ? "FULL" : "NORMAL")}; PRAGMA cache_size = -16000;
                CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL);
                CREATE UNIQUE INDEX events_stream ON events (stream_id, version);
                """;
            setup.ExecuteNonQuery();
        }

        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO events (stream_id, version, type, data) VALUES ($s, $v, 'Deposited', $d)";
        _insert.Parameters.Add(new SqliteParameter { ParameterName = "$s" });
        _insert.Parameters.Add(new SqliteParameter { ParameterName = "$v" });
        _insert.Parameters.Add(new SqliteParameter { ParameterName = "$d" });
        _insert.Prepare();
    }

    public void Append(string stream, long fromVersion, int count)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        _insert.Parameters[0].Value = stream;
        for (int i = 0; i < count; i++)
        {
            _insert.Parameters[1].Value = fromVersion + i + 1;
            _insert.Parameters[2].Value = JsonSerializer.SerializeToUtf8Bytes(new Deposited(stream, 10m + i, "ref-0001"), s_json);
            _insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public decimal Rehydrate(string stream)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT data FROM events WHERE stream_id = $s ORDER BY version";
        command.Parameters.AddWithValue("$s", stream);
        using var reader = command.ExecuteReader();
        decimal balance = 0;
        while (reader.Read())
        {
            balance += JsonSerializer.Deserialize<Deposited>(reader.GetFieldValue<byte[]>(0), s_json)!.Amount;
        }

        return balance;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
