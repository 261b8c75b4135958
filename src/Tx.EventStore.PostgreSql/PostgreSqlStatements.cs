using System.Text;

namespace Tx.EventStore.PostgreSql;

/// <summary>The SQL of one provider instance, built once for its schema and payload type.</summary>
internal sealed class PostgreSqlStatements
{
    /// <summary>The SQLSTATE the append function raises on a version conflict; the message is the current version.</summary>
    internal const string WrongVersionState = "TXE01";

    /// <summary>The SQLSTATE the append function raises when the stream is deleted.</summary>
    internal const string StreamDeletedState = "TXE02";

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
            CREATE OR REPLACE FUNCTION {s}.append_events(
                p_stream text, p_expected bigint, p_delete boolean, p_lock bigint, p_ids uuid[], p_types text[],
                p_sv integer[], p_data {(jsonb ? "text" : "bytea")}[], p_corr text[], p_caus text[], p_usr text[], p_ts timestamptz[],
                OUT o_version bigint, OUT o_position bigint)
            LANGUAGE plpgsql AS $fn$
            DECLARE
                v_count integer := cardinality(p_ids);
                v_current bigint;
                v_deleted boolean;
            BEGIN
                -- One statement creates or advances and locks the stream row: concurrent appends to one stream queue
                -- here. The update only happens when the stream is live and at the expected version; otherwise the row
                -- is still locked (ON CONFLICT DO UPDATE locks it) and read below for the error.
                INSERT INTO {s}.streams AS t (stream_id, version, deleted) VALUES (p_stream, v_count, p_delete)
                ON CONFLICT (stream_id) DO UPDATE SET version = t.version + v_count, deleted = p_delete
                    WHERE NOT t.deleted AND (p_expected < 0 OR t.version = p_expected)
                RETURNING t.version - v_count INTO v_current;
                IF NOT FOUND THEN
                    SELECT version, deleted INTO v_current, v_deleted FROM {s}.streams WHERE stream_id = p_stream;
                    IF v_deleted THEN
                        RAISE EXCEPTION USING ERRCODE = '{StreamDeletedState}', MESSAGE = v_current::text;
                    END IF;
                    RAISE EXCEPTION USING ERRCODE = '{WrongVersionState}', MESSAGE = v_current::text;
                END IF;
                -- A new stream row (current version 0) satisfies "any" and "no stream" only.
                IF p_expected > 0 AND p_expected <> v_current THEN
                    RAISE EXCEPTION USING ERRCODE = '{WrongVersionState}', MESSAGE = v_current::text;
                END IF;
                -- The store's write lock, held until COMMIT: positions are drawn and committed in increasing order.
                PERFORM pg_advisory_xact_lock(p_lock);
                WITH ins AS (
                    INSERT INTO {s}.events (stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at)
                    SELECT p_stream, v_current + t.ord, t.id, t.type, t.sv, t.data{(jsonb ? "::jsonb" : string.Empty)}, t.corr, t.caus, t.usr, t.ts
                    FROM unnest(p_ids, p_types, p_sv, p_data, p_corr, p_caus, p_usr, p_ts)
                        WITH ORDINALITY AS t(id, type, sv, data, corr, caus, usr, ts, ord)
                    ORDER BY t.ord
                    RETURNING position)
                SELECT max(position) INTO o_position FROM ins;
                o_version := v_current + v_count;
            END
            $fn$;
            """;

        TakeWriteLock = "SELECT pg_advisory_xact_lock($1)";

        // One statement per append: outside an explicit transaction it is its own transaction (one round trip).
        AppendEvents = $"SELECT o_version, o_position FROM {s}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

        StreamState = $"SELECT version, deleted FROM {s}.streams WHERE stream_id = $1";
        ReadForwards = $"SELECT {columns} FROM {s}.events WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3";
        ReadBackwards = $"SELECT {columns} FROM {s}.events WHERE stream_id = $1 AND version <= $2 ORDER BY version DESC LIMIT $3";
        ReadAfterSnapshot = $"SELECT {columns} FROM {s}.events WHERE stream_id = $1 AND version > coalesce((SELECT version FROM {s}.snapshots WHERE stream_id = $1), 0) ORDER BY version";
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

    public string TakeWriteLock { get; }

    public string AppendEvents { get; }

    public string StreamState { get; }

    public string ReadForwards { get; }

    public string ReadBackwards { get; }

    public string ReadAfterSnapshot { get; }

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
