namespace Tx.EventStore.Serialization;

/// <summary>One entry of the <see cref="EventTypeMap"/>.</summary>
/// <param name="Name">The stable type name.</param>
/// <param name="ClrType">The CLR type.</param>
/// <param name="SchemaVersion">The current schema version.</param>
public sealed record EventTypeRegistration(string Name, Type ClrType, int SchemaVersion);
