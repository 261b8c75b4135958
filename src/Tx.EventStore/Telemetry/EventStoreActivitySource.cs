using System.Diagnostics;

namespace Tx.EventStore.Telemetry;

/// <summary>The "Tx.EventStore" activity source (appends, deletes, subscription batches).</summary>
internal static class EventStoreActivitySource
{
    public const string Name = "Tx.EventStore";

    public static readonly ActivitySource Instance = new(Name);
}
