namespace Tx.Resilience.Telemetry;

/// <summary>What the metrics read from a bulkhead, without depending on the bulkhead type.</summary>
internal interface IBulkheadStatisticsSource
{
    string Name { get; }

    long ActiveCount { get; }

    long QueuedCount { get; }
}
