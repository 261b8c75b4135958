using Tx.MultiWrite.Compensation;

namespace Tx.MultiWrite.Intents;

/// <summary>
/// The durable intent of a write: the record, its payload hash and the state of every leg. It is committed
/// in the ledger before any leg runs, so that no acknowledged write can be lost.
/// </summary>
public sealed class WriteIntent
{
    /// <summary>Initializes a new instance of the <see cref="WriteIntent"/> class.</summary>
    /// <param name="writeId">The write id (UUIDv7 unless the caller chose one).</param>
    /// <param name="recordType">The record type, for example <c>transactions</c>.</param>
    /// <param name="key">The record's key.</param>
    /// <param name="payloadJson">The serialized payload.</param>
    /// <param name="payloadHash">The SHA-256 hash (lower-case hex) of record type, key and payload.</param>
    /// <param name="policy">The consistency policy of the record type.</param>
    /// <param name="compensationRequired">Whether the write is being (or was) compensated.</param>
    /// <param name="createdAt">When the intent was created.</param>
    /// <param name="legs">The legs, one per target.</param>
    public WriteIntent(
        Guid writeId,
        string recordType,
        string key,
        string payloadJson,
        string payloadHash,
        ConsistencyPolicy policy,
        bool compensationRequired,
        DateTimeOffset createdAt,
        IReadOnlyList<LegEntry> legs)
    {
        WriteId = writeId;
        RecordType = recordType;
        Key = key;
        PayloadJson = payloadJson;
        PayloadHash = payloadHash;
        Policy = policy;
        CompensationRequired = compensationRequired;
        CreatedAt = createdAt;
        Legs = legs;
    }

    /// <summary>Gets the write id.</summary>
    public Guid WriteId { get; }

    /// <summary>Gets the record type.</summary>
    public string RecordType { get; }

    /// <summary>Gets the record's key.</summary>
    public string Key { get; }

    /// <summary>Gets the serialized payload.</summary>
    public string PayloadJson { get; }

    /// <summary>Gets the SHA-256 hash (lower-case hex) of record type, key and payload.</summary>
    public string PayloadHash { get; }

    /// <summary>Gets the consistency policy the write runs under.</summary>
    public ConsistencyPolicy Policy { get; }

    /// <summary>Gets a value indicating whether the write is being (or was) compensated.</summary>
    public bool CompensationRequired { get; }

    /// <summary>Gets when the intent was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the legs, one per target.</summary>
    public IReadOnlyList<LegEntry> Legs { get; }

    /// <summary>Gets the overall status, derived from the legs.</summary>
    public IntentStatus Status
    {
        get
        {
            if (CompensationRequired)
            {
                return Legs.All(l => l.State == LegState.Compensated) ? IntentStatus.Compensated : IntentStatus.Compensating;
            }

            if (Legs.All(l => l.State == LegState.Succeeded))
            {
                return IntentStatus.Completed;
            }

            return Legs.Any(l => l.State == LegState.Pending) ? IntentStatus.Pending : IntentStatus.DeadLettered;
        }
    }

    internal WriteIntent WithLegs(IReadOnlyList<LegEntry> legs) =>
        new(WriteId, RecordType, Key, PayloadJson, PayloadHash, Policy, CompensationRequired, CreatedAt, legs);

    internal Targets.TargetRecord ToTargetRecord() => new(WriteId, RecordType, Key, PayloadJson, PayloadHash, CreatedAt);
}
