namespace Tx.EventStore.MySql.Tests;

/// <summary>
/// Runs the held-writer test class alone: it waits for the server to report the second writer blocked, and the
/// compliance suite's parallel writers in the same process once delayed that writer's first round trip past the
/// wait limit (CI showed every connection idle).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeldWriterCollection
{
    public const string Name = "MySQL held writer";
}
