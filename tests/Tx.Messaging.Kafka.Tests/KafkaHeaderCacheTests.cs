using System.Text;
using Confluent.Kafka;

namespace Tx.Messaging.Kafka.Tests;

public sealed class KafkaHeaderCacheTests
{
    [Fact]
    public void Get_SamePairAgain_SharesOneHeaderFromTheSecondSightingOn()
    {
        var cache = new KafkaHeaderCache();

        Header first = cache.Get("eventType", "TransactionCompleted");
        Header second = cache.Get("eventType", "TransactionCompleted");
        Header third = cache.Get("eventType", new string("TransactionCompleted".AsSpan()));

        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Equal("eventType", third.Key);
        Assert.Equal(Encoding.UTF8.GetBytes("TransactionCompleted"), third.GetValueBytes());
    }

    [Fact]
    public void Get_SameValueUnderAnotherName_NeverReturnsTheOtherHeader()
    {
        var cache = new KafkaHeaderCache();
        for (int i = 0; i < 3; i++)
        {
            _ = cache.Get("eventVersion", "1");
        }

        Header other = cache.Get("attempt", "1");

        Assert.Equal("attempt", other.Key);
        Assert.Equal("eventVersion", cache.Get("eventVersion", "1").Key);
    }

    [Fact]
    public void Get_UniqueValuesBetweenRepeatedOnes_EachEncodedExactly()
    {
        var cache = new KafkaHeaderCache();

        for (int i = 0; i < 5_000; i++)
        {
            string correlation = $"corr-{i}-ü";
            Assert.Equal(Encoding.UTF8.GetBytes(correlation), cache.Get("correlationId", correlation).GetValueBytes());
            Assert.Equal("Created"u8.ToArray(), cache.Get("eventType", "Created").GetValueBytes());
        }
    }

    [Fact]
    public void Get_LongValue_EncodedEveryTimeNotCached()
    {
        var cache = new KafkaHeaderCache();
        string value = new('v', 500);

        Header[] headers = [.. Enumerable.Range(0, 3).Select(_ => cache.Get("payloadHint", value))];

        Assert.NotSame(headers[1], headers[2]);
        Assert.All(headers, h => Assert.Equal(Encoding.UTF8.GetBytes(value), h.GetValueBytes()));
    }

    [Fact]
    public async Task Get_ManyThreadsMixingPairs_AlwaysTheRightBytes()
    {
        var cache = new KafkaHeaderCache();
        string[] types = [.. Enumerable.Range(0, 40).Select(i => $"Event{i}")];

        bool[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                string value = types[(i * 7 + t) % types.Length];
                Header header = cache.Get("eventType", value);
                if (header.Key != "eventType" || !header.GetValueBytes().AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(value)))
                {
                    return false;
                }
            }

            return true;
        })));

        Assert.All(results, Assert.True);
    }
}
