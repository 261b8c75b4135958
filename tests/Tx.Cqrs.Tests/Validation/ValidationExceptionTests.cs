using Tx.Cqrs.Tests.Fixtures;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs.Tests.Validation;

public sealed class ValidationExceptionTests
{
    [Fact]
    public void Ctor_WithErrors_MessageNamesEveryField()
    {
        var exception = new ValidationException(typeof(OpenAccountCommand), [new ValidationError("A", "bad"), new ValidationError("B", "worse")]);

        Assert.Equal("OpenAccountCommand is invalid: A: bad; B: worse.", exception.Message);
        Assert.Equal(2, exception.Errors.Count);
    }

    [Fact]
    public void Ctor_Default_HasNoErrors()
    {
        Assert.Empty(new ValidationException().Errors);
        Assert.Empty(new ValidationException("x").Errors);
        Assert.Empty(new ValidationException("x", new InvalidOperationException()).Errors);
    }

    [Fact]
    public void ValidationError_EmptyField_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ValidationError("", "bad"));
    }
}
