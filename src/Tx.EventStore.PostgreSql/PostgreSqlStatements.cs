using System.Text;

namespace Tx.EventStore.PostgreSql;

/// <summary>The SQL of one provider instance, built once for its schema and payload type.</summary>
internal sealed class PostgreSqlStatements
{
    internal const string EventColumns = "position, stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at";

    public PostgreSqlStatements(string schema, PostgreSqlPayloadType payloadType)
    {
        string s = "\"" + schema + "\"";
        bool jsonb = payloadType == PostgreSqlPayloadType.Jsonb;
        string payloadColumn = jsonb ? "jsonb" : "bytea";
        string data = jsonb ? "data::text" : "data";
        string columns = EventColumns.Replace(" data,", " " + data + ",", StringComparison.Ordinal);
        IsJsonb = jsonb;
        WriteLockKey = StableKey("tx.eventstore.write:" + schema);
        MigrationLockKey = StableKey("tx.eventstore.migrate:" + schema);

        // "C" collation: stream ids compare ordinally and case-sensitively whatever the database default is.
        Migrate = $"""
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.streams (
                stream_id text COLLATE "C" PRIMARY KEY,
                version bigint NOT NULL,
                deleted boolean NOT NULL DEFAULT false);
            CREATE TABLE IF NOT EXISTS {s}.events (
                position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                stream_id text COLLATE "C" NOT NULL,
                version bigint NOT NULL,
                event_id uuid NOT NULL,
                type text NOT NULL,
                schema_version integer NOT NULL,
                data {payloadColumn} NOT NULL,
                correlation_id text,
                causation_id text,
                user_id text,
                created_at timestamptz NOT NULL,
                CONSTRAINT events_stream_version_key UNIQUE (stream_id, version),
                CONSTRAINT events_event_id_key UNIQUE (event_id));
            CREATE TABLE IF NOT EXISTS {s}.snapshots (
                stream_id text COLLATE "C" PRIMARY KEY,
                version bigint NOT NULL,
                type text NOT NULL,
                schema_version integer NOT NULL,
                data {payloadColumn} NOT NULL,
                created_at timestamptz NOT NULL);
            CREATE TABLE IF NOT EXISTS {s}.checkpoints (
                name text COLLATE "C" PRIMARY KEY,
                position bigint NOT NULL);
            """;

        EnsureStreamRow = $"INSERT INTO {s}.streams (stream_id, version) VALUES ($1, 0) ON CONFLICT (stream_id) DO NOTHING";
        LockStreamRow = $"SELECT version, deleted FROM {s}.streams WHERE stream_id = $1 FOR UPDATE";
        TakeWriteLock = "SELECT pg_advisory_xact_lock($1)";

        // Positions come from the identity in ORDER BY order, i.e. batch order. $2 = current version.
        InsertEvents = $"""
            WITH ins AS (
                INSERT INTO {s}.events (stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at)
                SELECT $1, $2 + t.ord, t.id, t.type, t.sv, t.data{(jsonb ? "::jsonb" : string.Empty)}, t.corr, t.caus, t.usr, t.ts
                FROM unnest($3::uuid[], $4::text[], $5::integer[], $6::{(jsonb ? "text" : "bytea")}[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
                    WITH ORDINALITY AS t(id, type, sv, data, corr, caus, usr, ts, ord)
                ORDER BY t.ord
                RETURNING position)
            SELECT max(position) FROM ins
            """;
        UpdateStreamRow = $"UPDATE {s}.streams SET version = $2, deleted = $3 WHERE stream_id = $1";

        StreamState = $"SELECT version, deleted FROM {s}.streams WHERE stream_id = $1";
        ReadForwards = $"SELECT {columns} FROM {s}.events WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3";
        ReadBackwards = $"SELECT {columns} FROM {s}.events WHERE stream_id = $1 AND version <= $2 ORDER BY version DESC LIMIT $3";
        ReadAll = $"SELECT {columns} FROM {s}.events WHERE position > $1 ORDER BY position LIMIT $2";
        HeadPosition = $"SELECT coalesce(max(position), 0) FROM {s}.events";
        FindEvent = $"SELECT {columns} FROM {s}.events WHERE event_id = $1";
        Truncate = $"DELETE FROM {s}.events WHERE stream_id = $1 AND version < $2";

        SaveSnapshot = $"""
            INSERT INTO {s}.snapshots AS t (stream_id, version, type, schema_version, data, created_at)
            VALUES ($1, $2, $3, $4, $5{(jsonb ? "::jsonb" : string.Empty)}, $6)
            ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, type = excluded.type,
                schema_version = excluded.schema_version, data = excluded.data, created_at = excluded.created_at
            WHERE excluded.version >= t.version
            """;
        LoadSnapshot = $"SELECT version, type, schema_version, {data}, created_at FROM {s}.snapshots WHERE stream_id = $1";
        DeleteSnapshot = $"DELETE FROM {s}.snapshots WHERE stream_id = $1";
        SaveCheckpoint = $"INSERT INTO {s}.checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position";
        LoadCheckpoint = $"SELECT position FROM {s}.checkpoints WHERE name = $1";
    }

    public bool IsJsonb { get; }

    public long WriteLockKey { get; }

    public long MigrationLockKey { get; }

    public string Migrate { get; }

    public string EnsureStreamRow { get; }

    public string LockStreamRow { get; }

    public string TakeWriteLock { get; }

    public string InsertEvents { get; }

    public string UpdateStreamRow { get; }

    public string StreamState { get; }

    public string ReadForwards { get; }

    public string ReadBackwards { get; }

    public string ReadAll { get; }

    public string HeadPosition { get; }

    public string FindEvent { get; }

    public string Truncate { get; }

    public string SaveSnapshot { get; }

    public string LoadSnapshot { get; }

    public string DeleteSnapshot { get; }

    public string SaveCheckpoint { get; }

    public string LoadCheckpoint { get; }

    /// <summary>A 64-bit FNV-1a hash: the advisory lock key must not change between processes or runtime versions.</summary>
    internal static long StableKey(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
