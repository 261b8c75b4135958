namespace Tx.MultiWrite.Integration.Tests.Faults;

/// <summary>The fault cases share the machine's two cores and the servers: they run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
