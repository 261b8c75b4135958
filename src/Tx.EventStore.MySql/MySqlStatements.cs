namespace Tx.EventStore.MySql;

/// <summary>The SQL of one provider instance, built once for its table prefix.</summary>
internal sealed class MySqlStatements
{
    public MySqlStatements(string prefix)
    {
        string events = $"`{prefix}_events`";
        string streams = $"`{prefix}_streams`";
        string position = $"`{prefix}_position`";
        string snapshots = $"`{prefix}_snapshots`";
        string checkpoints = $"`{prefix}_checkpoints`";
        const string Id = "VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        const string Text = "VARCHAR(200) CHARACTER SET utf8mb4";
        const string Columns = "position, stream_id, version, event_id, type, schema_version, data, correlation_id, causation_id, user_id, created_at";

        // utf8mb4_bin: stream ids compare ordinally and case-sensitively. The position row is the commit-order lock.
        Migrate = $"""
            CREATE TABLE IF NOT EXISTS {streams} (
                stream_id {Id} NOT NULL PRIMARY KEY,
                version BIGINT NOT NULL,
                deleted TINYINT(1) NOT NULL DEFAULT 0) ENGINE=InnoDB;
            CREATE TABLE IF NOT EXISTS {events} (
                position BIGINT NOT NULL PRIMARY KEY,
                stream_id {Id} NOT NULL,
                version BIGINT NOT NULL,
                event_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                type {Text} NOT NULL,
                schema_version INT NOT NULL,
                data LONGBLOB NOT NULL,
                correlation_id {Text} NULL,
                causation_id {Text} NULL,
                user_id {Text} NULL,
                created_at DATETIME(6) NOT NULL,
                UNIQUE KEY ux_stream_version (stream_id, version),
                UNIQUE KEY ux_event_id (event_id)) ENGINE=InnoDB;
            CREATE TABLE IF NOT EXISTS {position} (
                id TINYINT NOT NULL PRIMARY KEY,
                position BIGINT NOT NULL) ENGINE=InnoDB;
            INSERT IGNORE INTO {position} (id, position) VALUES (1, 0);
            CREATE TABLE IF NOT EXISTS {snapshots} (
                stream_id {Id} NOT NULL PRIMARY KEY,
                version BIGINT NOT NULL,
                type {Text} NOT NULL,
                schema_version INT NOT NULL,
                data LONGBLOB NOT NULL,
                created_at DATETIME(6) NOT NULL) ENGINE=InnoDB;
            CREATE TABLE IF NOT EXISTS {checkpoints} (
                name {Id} NOT NULL PRIMARY KEY,
                position BIGINT NOT NULL) ENGINE=InnoDB;
            """;

        // One round trip per append (multi-statement text, @tx_* are session variables). ON DUPLICATE KEY UPDATE takes
        // the stream row's exclusive lock at once (INSERT IGNORE would take a shared one and deadlock when two writers
        // then upgrade); the locking read then sees the latest committed version. The checks set @tx_ok; every write
        // after them is conditional on it, and a stream row created only for a failed check is removed again.
        BeginAppend = $"""
            SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
            START TRANSACTION;
            INSERT INTO {streams} (stream_id, version, deleted) VALUES (@s, 0, 0) ON DUPLICATE KEY UPDATE version = version;
            SELECT version, deleted INTO @tx_cur, @tx_del FROM {streams} WHERE stream_id = @s FOR UPDATE;
            SET @tx_ok = (@tx_del = 0 AND (@e < 0 OR @e = @tx_cur));
            """;

        // Positions are allocated from the lock row as late as possible and the row stays locked until COMMIT:
        // one writer allocates at a time, so a lower position never commits after a higher one (and no gaps).
        AllocatePositions = $"UPDATE {position} SET position = LAST_INSERT_ID(position + @n) WHERE id = 1 AND @tx_ok;";
        InsertEventsPrefix = $"INSERT INTO {events} ({Columns}) ";
        EndAppend = $"""
            UPDATE {streams} SET version = @tx_cur + @n, deleted = @d WHERE stream_id = @s AND @tx_ok;
            DELETE FROM {streams} WHERE stream_id = @s AND version = 0 AND NOT @tx_ok;
            """;
        AppendOutcome = "SELECT @tx_ok, @tx_cur, @tx_del, LAST_INSERT_ID();";

        ReadStream = $"""
            SELECT version, deleted FROM {streams} WHERE stream_id = @s;
            SELECT {Columns} FROM {events} WHERE stream_id = @s AND version >= @f ORDER BY version LIMIT @m;
            """;
        ReadStreamBackwards = $"""
            SELECT version, deleted FROM {streams} WHERE stream_id = @s;
            SELECT {Columns} FROM {events} WHERE stream_id = @s AND version <= @f ORDER BY version DESC LIMIT @m;
            """;
        // A consistent read view for the three reads: a snapshot saved meanwhile cannot move the tail past the returned snapshot.
        LoadSnapshotAndTail = $"""
            SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
            START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY;
            SELECT version, type, schema_version, data, created_at FROM {snapshots} WHERE stream_id = @s;
            SELECT version, deleted FROM {streams} WHERE stream_id = @s;
            SELECT {Columns} FROM {events} WHERE stream_id = @s AND version > COALESCE((SELECT version FROM {snapshots} WHERE stream_id = @s), 0) ORDER BY version;
            COMMIT;
            """;
        ReadAll = $"SELECT {Columns} FROM {events} WHERE position > @a ORDER BY position LIMIT @m";
        HeadPosition = $"SELECT COALESCE(MAX(position), 0) FROM {events}";
        StreamState = $"SELECT version, deleted FROM {streams} WHERE stream_id = @s";
        FindEvent = $"SELECT {Columns} FROM {events} WHERE event_id = @id";
        Truncate = $"DELETE FROM {events} WHERE stream_id = @s AND version < @v";

        // MySQL evaluates the assignments left to right: the version goes last, so the others still compare with the old one.
        SaveSnapshot = $"""
            INSERT INTO {snapshots} (stream_id, version, type, schema_version, data, created_at) VALUES (@s, @v, @t, @sv, @d, @c)
            ON DUPLICATE KEY UPDATE
                type = IF(VALUES(version) >= version, VALUES(type), type),
                schema_version = IF(VALUES(version) >= version, VALUES(schema_version), schema_version),
                data = IF(VALUES(version) >= version, VALUES(data), data),
                created_at = IF(VALUES(version) >= version, VALUES(created_at), created_at),
                version = GREATEST(version, VALUES(version))
            """;
        LoadSnapshot = $"SELECT version, type, schema_version, data, created_at FROM {snapshots} WHERE stream_id = @s";
        DeleteSnapshot = $"DELETE FROM {snapshots} WHERE stream_id = @s";
        SaveCheckpoint = $"INSERT INTO {checkpoints} (name, position) VALUES (@n, @p) ON DUPLICATE KEY UPDATE position = VALUES(position)";
        LoadCheckpoint = $"SELECT position FROM {checkpoints} WHERE name = @n";
    }

    public string Migrate { get; }

    public string BeginAppend { get; }

    public string AllocatePositions { get; }

    public string InsertEventsPrefix { get; }

    public string EndAppend { get; }

    public string AppendOutcome { get; }

    public string ReadStream { get; }

    public string ReadStreamBackwards { get; }

    public string LoadSnapshotAndTail { get; }

    public string ReadAll { get; }

    public string HeadPosition { get; }

    public string StreamState { get; }

    public string FindEvent { get; }

    public string Truncate { get; }

    public string SaveSnapshot { get; }

    public string LoadSnapshot { get; }

    public string DeleteSnapshot { get; }

    public string SaveCheckpoint { get; }

    public string LoadCheckpoint { get; }
}
