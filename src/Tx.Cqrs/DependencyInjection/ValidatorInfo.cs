namespace Tx.Cqrs.DependencyInjection;

/// <summary>How many validators a message type has and whether one of them is scoped or transient.</summary>
internal readonly record struct ValidatorInfo(int Count, bool NeedScope);
