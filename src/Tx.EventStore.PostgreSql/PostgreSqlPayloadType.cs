namespace Tx.EventStore.PostgreSql;

/// <summary>The column type that holds event and snapshot payloads (UTF-8 JSON).</summary>
public enum PostgreSqlPayloadType
{
    /// <summary>
    /// <c>bytea</c>: the serialized bytes are stored and returned unchanged; no parsing on the server (fastest).
    /// </summary>
    Bytea = 0,

    /// <summary>
    /// <c>jsonb</c>: the server parses and validates the JSON, so payloads can be queried with SQL; reads return
    /// the server's normalized JSON text (same document, possibly different whitespace and key order).
    /// </summary>
    Jsonb = 1,
}
