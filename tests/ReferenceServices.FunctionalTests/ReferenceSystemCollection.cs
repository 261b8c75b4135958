namespace ReferenceServices.FunctionalTests;

[CollectionDefinition(Name)]
public sealed class ReferenceSystemCollection : ICollectionFixture<ReferenceSystemFixture>
{
    public const string Name = "reference-system";
}
