namespace Tx.Resilience.Redis.Tests;

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<Servers>
{
    public const string Name = "servers";
}
