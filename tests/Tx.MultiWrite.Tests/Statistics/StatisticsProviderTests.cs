using System.Text.Json;
using Tx.MultiWrite.Statistics;

namespace Tx.MultiWrite.Tests.Statistics;

public sealed class StatisticsProviderTests
{
    [Fact]
    public async Task GetStatisticsAsync_SerializesInTheGuidesShape()
    {
        using var harness = new MultiWriteHarness(leg: o => o.MinimumThroughput = 2);
        harness.Spanner.Fault = new InvalidOperationException("down");
        await harness.Writer.WriteAsync(MultiWriteHarness.Record("a"));
        await harness.Writer.WriteAsync(MultiWriteHarness.Record("b"));

        MultiWriteStatistics statistics = await harness.Statistics.GetStatisticsAsync();
        using JsonDocument json = JsonDocument.Parse(JsonSerializer.Serialize(statistics));

        JsonElement dualWriter = json.RootElement.GetProperty("dualWriter");
        Assert.Equal("CLOSED", dualWriter.GetProperty("mysql").GetProperty("state").GetString());
        Assert.Equal(0, dualWriter.GetProperty("mysql").GetProperty("failureRate").GetDouble());
        Assert.Equal("OPEN", dualWriter.GetProperty("spanner").GetProperty("state").GetString());
        Assert.Equal(100, dualWriter.GetProperty("spanner").GetProperty("failureRate").GetDouble());
        Assert.True(json.RootElement.GetProperty("database").TryGetProperty("mysql", out _));
        Assert.Equal(2, json.RootElement.GetProperty("retryQueue").GetProperty("depth").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("retryQueue").GetProperty("deadLetters").GetInt64());
    }
}
