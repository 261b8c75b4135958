using System.Text;
using FsCheck.Xunit;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessKeyCacheTests
{
    [Fact]
    public void Get_KeySeenTwice_ThirdLookupReturnsTheCachedInstance()
    {
        // Arrange
        var cache = new InProcessKeyCache();
        byte[] key = Encoding.UTF8.GetBytes("txn_42");

        // Act
        string first = cache.Get(key);
        string second = cache.Get(key);
        string third = cache.Get(key);

        // Assert: admitted on the second sighting, served from the cache afterwards.
        Assert.Equal("txn_42", first);
        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void Get_UniqueKeys_NeverHitAndDoNotEvictARepeatingKey()
    {
        // Arrange
        var cache = new InProcessKeyCache();
        byte[] repeating = Encoding.UTF8.GetBytes("aggregate-1");
        cache.Get(repeating);
        string cached = cache.Get(repeating);

        // Act: many keys seen once each.
        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal($"unique-{i}", cache.Get(Encoding.UTF8.GetBytes($"unique-{i}")));
        }

        // Assert: unique keys never hit, and the repeating key is still cached.
        Assert.Equal(0, cache.Hits);
        Assert.Same(cached, cache.Get(repeating));
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void Get_KeyLongerThanTheCachedLimit_DecodedEveryTime()
    {
        var cache = new InProcessKeyCache();
        string key = new('k', InProcessKeyCache.MaxCachedLength + 1);
        byte[] bytes = Encoding.UTF8.GetBytes(key);

        string first = cache.Get(bytes);
        string second = cache.Get(bytes);
        string third = cache.Get(bytes);

        Assert.Equal(key, third);
        Assert.NotSame(second, third);
        Assert.NotSame(first, second);
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public void Get_Empty_ReturnsEmptyString() => Assert.Same(string.Empty, new InProcessKeyCache().Get([]));

    [Property(MaxTest = 200)]
    public bool Get_AnySequenceOfKeys_AlwaysReturnsTheDecodedKey(string[] keys)
    {
        var cache = new InProcessKeyCache();
        foreach (string? key in keys.Concat(keys).Concat(keys))
        {
            string expected = key ?? string.Empty;
            byte[] bytes = Encoding.UTF8.GetBytes(expected);
            if (cache.Get(bytes) != Encoding.UTF8.GetString(bytes))
            {
                return false;
            }
        }

        return true;
    }
}
