using Tx.MultiWrite.Compensation;

namespace Tx.MultiWrite.Writing;

/// <summary>A record that passed validation, serialized and hashed.</summary>
internal sealed record ValidatedRecord(string RecordType, string Key, string PayloadJson, string PayloadHash, ConsistencyPolicy Policy);
