namespace Tx.EventStore.Sqlite.Tests;

public sealed class SqliteEventStoreOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new SqliteEventStoreOptions();

        Assert.Equal(string.Empty, options.ConnectionString);
        Assert.Equal("tx_es_", options.TablePrefix);
        Assert.True(options.AutoCreateSchema);
        Assert.True(options.DurableCommits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad-prefix")]
    [InlineData("1abc")]
    [InlineData("x; DROP TABLE y")]
    public void TablePrefix_Invalid_EnsureValidationError(string prefix)
    {
        var result = new SqliteEventStoreOptionsValidator().Validate(null, new SqliteEventStoreOptions { ConnectionString = "Data Source=x.db", TablePrefix = prefix });

        Assert.True(result.Failed);
        Assert.Contains("TablePrefix", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionString_Missing_EnsureValidationError()
    {
        var result = new SqliteEventStoreOptionsValidator().Validate(null, new SqliteEventStoreOptions());

        Assert.True(result.Failed);
        Assert.Contains("ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }
}
