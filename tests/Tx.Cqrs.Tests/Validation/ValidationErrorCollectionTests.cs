using Tx.Cqrs.Validation;

namespace Tx.Cqrs.Tests.Validation;

public sealed class ValidationErrorCollectionTests
{
    [Fact]
    public void Add_TwoErrors_KeepsOrder()
    {
        var errors = new ValidationErrorCollection();

        errors.Add("Amount", "must be positive");
        errors.Add(new ValidationError("Currency", "unknown"));

        Assert.Equal(2, errors.Count);
        Assert.Equal("Amount", errors[0].Field);
        Assert.Equal(["Amount", "Currency"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Indexer_Empty_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValidationErrorCollection()[0]);
    }
}
