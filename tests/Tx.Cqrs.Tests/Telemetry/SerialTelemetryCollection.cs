namespace Tx.Cqrs.Tests.Telemetry;

/// <summary>
/// Runs the meter tests alone: a collector that listens by meter name (no scope) was seen to miss a measurement
/// while other classes created and disposed listeners on the same meter name in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTelemetryCollection
{
    public const string Name = "Serial telemetry";
}
