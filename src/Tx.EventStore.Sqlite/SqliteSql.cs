namespace Tx.EventStore.Sqlite;

/// <summary>The provider's SQL, with the table prefix applied once.</summary>
internal sealed class SqliteSql
{
    public SqliteSql(string prefix)
    {
        string events = prefix + "events";
        string streams = prefix + "streams";
        string snapshots = prefix + "snapshots";
        string checkpoints = prefix + "checkpoints";
        const string Columns = "stream_id, event_id, type, schema_version, version, position, created_at, correlation_id, causation_id, user_id, data";

        Schema = $"""
            CREATE TABLE IF NOT EXISTS {events} (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                stream_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                event_id BLOB NOT NULL,
                type TEXT NOT NULL,
                schema_version INTEGER NOT NULL,
                data BLOB NOT NULL,
                correlation_id TEXT,
                causation_id TEXT,
                user_id TEXT,
                created_at INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS {events}_stream ON {events} (stream_id, version);
            CREATE UNIQUE INDEX IF NOT EXISTS {events}_event_id ON {events} (event_id);
            CREATE TABLE IF NOT EXISTS {streams} (
                stream_id TEXT NOT NULL PRIMARY KEY,
                version INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS {snapshots} (
                stream_id TEXT NOT NULL PRIMARY KEY,
                version INTEGER NOT NULL,
                type TEXT NOT NULL,
                schema_version INTEGER NOT NULL,
                data BLOB NOT NULL,
                created_at INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS {checkpoints} (
                name TEXT NOT NULL PRIMARY KEY,
                position INTEGER NOT NULL) WITHOUT ROWID;
            """;
        SelectStream = $"SELECT version, deleted FROM {streams} WHERE stream_id = $stream";
        InsertEvent = $"INSERT INTO {events} (stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at) VALUES ($stream, $version, $id, $type, $schema, $data, $correlation, $causation, $user, $created) RETURNING position";
        UpsertStream = $"INSERT INTO {streams} (stream_id, version, deleted) VALUES ($stream, $version, $deleted) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted";
        ReadForwards = $"SELECT {Columns} FROM {events} WHERE stream_id = $stream AND version >= $version ORDER BY version LIMIT $count";
        ReadBackwards = $"SELECT {Columns} FROM {events} WHERE stream_id = $stream AND version <= $version ORDER BY version DESC LIMIT $count";
        ReadAll = $"SELECT {Columns} FROM {events} WHERE position > $position ORDER BY position LIMIT $count";
        FindEvent = $"SELECT {Columns} FROM {events} WHERE event_id = $id";
        Head = $"SELECT COALESCE(MAX(position), 0) FROM {events}";
        Truncate = $"DELETE FROM {events} WHERE stream_id = $stream AND version < $version";
        SaveSnapshot = $"INSERT INTO {snapshots} (stream_id, version, type, schema_version, data, created_at) VALUES ($stream, $version, $type, $schema, $data, $created) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, type = excluded.type, schema_version = excluded.schema_version, data = excluded.data, created_at = excluded.created_at WHERE excluded.version >= {snapshots}.version";
        LoadSnapshot = $"SELECT version, type, schema_version, data, created_at FROM {snapshots} WHERE stream_id = $stream";
        DeleteSnapshot = $"DELETE FROM {snapshots} WHERE stream_id = $stream";
        SaveCheckpoint = $"INSERT INTO {checkpoints} (name, position) VALUES ($name, $position) ON CONFLICT (name) DO UPDATE SET position = excluded.position";
        LoadCheckpoint = $"SELECT position FROM {checkpoints} WHERE name = $name";
    }

    public string Schema { get; }

    public string SelectStream { get; }

    public string InsertEvent { get; }

    public string UpsertStream { get; }

    public string ReadForwards { get; }

    public string ReadBackwards { get; }

    public string ReadAll { get; }

    public string FindEvent { get; }

    public string Head { get; }

    public string Truncate { get; }

    public string SaveSnapshot { get; }

    public string LoadSnapshot { get; }

    public string DeleteSnapshot { get; }

    public string SaveCheckpoint { get; }

    public string LoadCheckpoint { get; }
}
