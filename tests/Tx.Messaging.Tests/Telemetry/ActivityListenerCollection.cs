namespace Tx.Messaging.Tests.Telemetry;

/// <summary>Tests that attach a process-wide activity listener: run alone, not in parallel with any other test.</summary>
[CollectionDefinition(nameof(ActivityListenerCollection), DisableParallelization = true)]
public sealed class ActivityListenerCollection;
