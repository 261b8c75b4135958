namespace Tx.EventStore.PostgreSql.Tests;

public sealed class PostgreSqlEventStoreOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new PostgreSqlEventStoreOptions();

        Assert.Equal(string.Empty, options.ConnectionString);
        Assert.Equal("tx_eventstore", options.Schema);
        Assert.True(options.AutoCreateSchema);
        Assert.Equal(PostgreSqlPayloadType.Bytea, options.PayloadType);
        Assert.Equal(32, options.MaxAutoPrepare);
        Assert.False(options.ResetConnectionOnClose);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has-dash")]
    [InlineData("1starts_with_digit")]
    [InlineData("x\"; DROP TABLE users; --")]
    [InlineData("")]
    public void Schema_Invalid_EnsureValidationError(string schema)
    {
        var options = new PostgreSqlEventStoreOptions { ConnectionString = "Host=localhost", Schema = schema };

        var result = new PostgreSqlEventStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Schema", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionString_Missing_EnsureValidationError()
    {
        var result = new PostgreSqlEventStoreOptionsValidator().Validate(null, new PostgreSqlEventStoreOptions());

        Assert.True(result.Failed);
        Assert.Contains("ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }
}
