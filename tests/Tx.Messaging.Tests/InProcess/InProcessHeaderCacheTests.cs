using FsCheck.Xunit;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;
using Tx.Messaging.Producing;
using Tx.Messaging.Tests.Fakes;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessHeaderCacheTests
{
    [Fact]
    public void TryCopy_SameNameAndValueStrings_CopiesTheRememberedBytes()
    {
        // Arrange
        var cache = new InProcessHeaderCache();
        var headers = new MessageHeaders { EventType = "Created", EventVersion = "1" };
        byte[] encoded = Encode(headers, cache: null);
        cache.Remember(headers, encoded);

        // Act: another header set holding the same string instances.
        var again = new MessageHeaders(headers);
        byte[] destination = new byte[encoded.Length];
        int written = cache.TryCopy(again, destination);

        // Assert
        Assert.Equal(encoded.Length, written);
        Assert.Equal(encoded, destination);
    }

    [Fact]
    public void TryCopy_CallerChangedAValue_Misses()
    {
        // Arrange
        var cache = new InProcessHeaderCache();
        var headers = new MessageHeaders { EventType = "Created", EventVersion = "1" };
        cache.Remember(headers, Encode(headers, cache: null));

        // Act: the same MessageHeaders object, mutated (an equal but different string, then another value).
        headers.EventType = new string("Created".AsSpan());
        int equalButNew = cache.TryCopy(headers, new byte[256]);
        headers.EventType = "Deleted";
        int changed = cache.TryCopy(headers, new byte[256]);

        // Assert
        Assert.Equal(-1, equalButNew);
        Assert.Equal(-1, changed);
    }

    [Fact]
    public void TryCopy_DifferentHeaderCount_Misses()
    {
        var cache = new InProcessHeaderCache();
        var headers = new MessageHeaders { EventType = "Created" };
        cache.Remember(headers, Encode(headers, cache: null));
        headers.CorrelationId = "c-1";

        Assert.Equal(-1, cache.TryCopy(headers, new byte[256]));
    }

    [Property(MaxTest = 100)]
    public void Encode_WithCache_WritesTheSameBytesAsWithout(string[] values)
    {
        // Arrange: a pool of values; each message takes a few of them, so sets repeat and change.
        string[] pool = [.. (values ?? []).Where(v => v is not null).DefaultIfEmpty("x")];
        var cache = new InProcessHeaderCache();
        for (int i = 0; i < 20; i++)
        {
            var headers = new MessageHeaders { EventType = pool[i % pool.Length], EventVersion = pool[(i / 3) % pool.Length] };

            // Act
            byte[] cached = Encode(headers, cache);
            byte[] plain = Encode(headers, cache: null);

            // Assert
            Assert.Equal(plain, cached);
        }
    }

    [Fact]
    public async Task ProduceAsync_SameHeaderSetMutatedBetweenMessages_EachStoredWithItsOwnValues()
    {
        // Arrange
        using var fixture = new InProcessFixture(partitions: 1, capacity: 1_000);
        var headers = new MessageHeaders { EventType = "Created", EventVersion = "1" };

        // Act: the producer caches the encoding of the header strings it saw last.
        for (int i = 0; i < 3; i++)
        {
            await fixture.Producer.ProduceAsync("t", new OutgoingMessage("k", new byte[] { 1 }, headers));
        }

        headers.EventType = "Updated";
        await fixture.Producer.ProduceAsync("t", new OutgoingMessage("k", new byte[] { 2 }, headers));
        headers.Remove(MessageHeaderNames.EventVersion);
        await fixture.Producer.ProduceAsync("t", new OutgoingMessage("k", new byte[] { 3 }, headers));

        // Assert
        using var consumer = fixture.Join("g", "t");
        var stored = new List<IReadOnlyDictionary<string, string>>();
        for (int i = 0; i < 5; i++)
        {
            ConsumedMessage message = await consumer.ConsumeAsync(CancellationToken.None);
            stored.Add(message.Headers);
            consumer.StoreOffset(message);
        }

        Assert.All(stored.Take(3), h => Assert.Equal(("Created", "1"), (h[MessageHeaderNames.EventType], h[MessageHeaderNames.EventVersion])));
        Assert.Equal(("Updated", "1"), (stored[3][MessageHeaderNames.EventType], stored[3][MessageHeaderNames.EventVersion]));
        Assert.Equal("Updated", stored[4][MessageHeaderNames.EventType]);
        Assert.False(stored[4].ContainsKey(MessageHeaderNames.EventVersion));
    }

    private static byte[] Encode(MessageHeaders headers, InProcessHeaderCache? cache)
    {
        byte[] buffer = new byte[InProcessRecordCodec.GetMaxLength(null, 0, headers, null)];
        InProcessEntry entry = InProcessRecordCodec.Encode(null, [], headers, null, 0, buffer, cache);
        return buffer.AsSpan(0, entry.HeadersLength).ToArray();
    }
}
