namespace Tx.MultiWrite.Targets;

/// <summary>A target added through the builder; the leg set builds it once.</summary>
internal sealed record TargetRegistration(string Name, Func<IServiceProvider, IWriteTarget> Factory);
