namespace Tx.EventStore.MySql.Tests;

public sealed class MySqlEventStoreOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new MySqlEventStoreOptions();

        Assert.Equal(string.Empty, options.ConnectionString);
        Assert.Equal("tx_es", options.TablePrefix);
        Assert.True(options.AutoCreateSchema);
    }

    [Theory]
    [InlineData("has-dash")]
    [InlineData("1digit")]
    [InlineData("x`; DROP TABLE users; --")]
    [InlineData("")]
    public void TablePrefix_Invalid_EnsureValidationError(string prefix)
    {
        var options = new MySqlEventStoreOptions { ConnectionString = "Server=localhost", TablePrefix = prefix };

        var result = new MySqlEventStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("TablePrefix", result.FailureMessage, StringComparison.Ordinal);
    }
}
