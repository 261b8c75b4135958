using Tx.Resilience.RateLimiting;

namespace Tx.Resilience.Tests.RateLimiting;

public sealed class StringWindowTableTests
{
    [Fact]
    public void GetOrAdd_NewAndExistingKey_AddsOnceAndFindsIt()
    {
        // Arrange
        var table = new StringWindowTable();
        SlidingWindow first = NewWindow();
        SlidingWindow second = NewWindow();

        // Act
        SlidingWindow added = table.GetOrAdd("10.0.0.1", first);
        SlidingWindow again = table.GetOrAdd("10.0.0.1", second);

        // Assert
        Assert.Same(first, added);
        Assert.Same(first, again);
        Assert.Same(first, table.Find(new string("10.0.0.1".AsSpan())));
        Assert.Null(table.Find("10.0.0.2"));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void GetOrAdd_TenThousandKeys_GrowsAndFindsEveryKey()
    {
        // Arrange
        var table = new StringWindowTable();
        var windows = new Dictionary<string, SlidingWindow>();
        for (int i = 0; i < 10_000; i++)
        {
            string key = $"10.{i / 65_536}.{i / 256 % 256}.{i % 256}";
            windows[key] = table.GetOrAdd(key, NewWindow());
        }

        // Act / Assert
        Assert.Equal(10_000, table.Count);
        Assert.True(table.Capacity >= 20_000);
        foreach ((string key, SlidingWindow window) in windows)
        {
            Assert.Same(window, table.Find(key));
        }
    }

    [Fact]
    public void Remove_Key_LeavesOtherKeysOfTheSameRunFindable()
    {
        // Arrange: every key in one probe run, so removing a middle one must not cut the run.
        var table = new StringWindowTable();
        string[] keys = Enumerable.Range(0, 6).Select(i => $"k{i}").ToArray();
        SlidingWindow[] windows = keys.Select(key => table.GetOrAdd(key, NewWindow())).ToArray();

        // Act
        bool removed = table.Remove(windows[2]);
        bool removedTwice = table.Remove(windows[2]);

        // Assert
        Assert.True(removed);
        Assert.False(removedTwice);
        Assert.Null(table.Find(keys[2]));
        for (int i = 0; i < keys.Length; i++)
        {
            if (i != 2)
            {
                Assert.Same(windows[i], table.Find(keys[i]));
            }
        }

        Assert.Equal(5, table.Count);
    }

    [Fact]
    public void Remove_ThenGetOrAdd_FilesTheNewWindow()
    {
        // Arrange
        var table = new StringWindowTable();
        SlidingWindow old = table.GetOrAdd("a", NewWindow());
        table.Remove(old);
        SlidingWindow fresh = NewWindow();

        // Act
        SlidingWindow added = table.GetOrAdd("a", fresh);

        // Assert
        Assert.Same(fresh, added);
        Assert.Same(fresh, table.Find("a"));
        Assert.False(table.Remove(old));
    }

    [Fact]
    public void Remove_MostKeys_ShrinksTheTable()
    {
        // Arrange
        var table = new StringWindowTable();
        SlidingWindow[] windows = Enumerable.Range(0, 4_096).Select(i => table.GetOrAdd($"key-{i}", NewWindow())).ToArray();
        int grown = table.Capacity;

        // Act
        foreach (SlidingWindow window in windows.Skip(10))
        {
            table.Remove(window);
        }

        // Assert
        Assert.True(table.Capacity < grown / 16, $"capacity {table.Capacity} after growing to {grown}");
        Assert.Equal(10, table.Count);
        for (int i = 0; i < 10; i++)
        {
            Assert.Same(windows[i], table.Find($"key-{i}"));
        }
    }

    [Fact]
    public void GetOrAdd_KeysFloodingOneSlot_SwitchesToTheRandomizedHashAndKeepsEveryKey()
    {
        // Arrange: an attacker who knew the seed: 150 keys whose fast hashes share their low 12 bits, so all land
        // in one probe run for every capacity up to 4,096.
        const ulong seed = 0x5EED;
        var table = new StringWindowTable(seed);
        List<string> flood = FindKeysSharingLowHashBits(seed, count: 150, bits: 12);
        var windows = new List<SlidingWindow>();

        // Act
        foreach (string key in flood)
        {
            windows.Add(table.GetOrAdd(key, NewWindow()));
        }

        // Assert
        Assert.True(table.IsRandomized);
        Assert.Equal(flood.Count, table.Count);
        for (int i = 0; i < flood.Count; i++)
        {
            Assert.Same(windows[i], table.Find(flood[i]));
            Assert.Equal(flood[i].GetHashCode(), windows[i].TableHash);
        }
    }

    [Fact]
    public void GetOrAdd_OrdinaryKeys_KeepsTheFastHash()
    {
        // Arrange
        var table = new StringWindowTable();

        // Act
        for (int i = 0; i < 50_000; i++)
        {
            table.GetOrAdd($"192.168.{i / 256 % 256}.{i % 256}:{i / 65_536}", NewWindow());
        }

        // Assert
        Assert.False(table.IsRandomized);
    }

    [Fact]
    public void FastHash_SeedAndKey_BothChangeTheHash()
    {
        // Arrange / Act
        int a = StringWindowTable.FastHash("10.0.0.1", 1);
        int otherSeed = StringWindowTable.FastHash("10.0.0.1", 2);
        int otherKey = StringWindowTable.FastHash("10.0.0.2", 1);
        int shorter = StringWindowTable.FastHash("10.0.0.", 1);

        // Assert
        Assert.Equal(a, StringWindowTable.FastHash(new string("10.0.0.1".AsSpan()), 1));
        Assert.NotEqual(a, otherSeed);
        Assert.NotEqual(a, otherKey);
        Assert.NotEqual(a, shorter);
        Assert.NotEqual(StringWindowTable.FastHash("", 1), StringWindowTable.FastHash("a", 1));
    }

    [Fact]
    public async Task FindAndGetOrAdd_ManyThreadsWhileKeysComeAndGo_NeverReturnAnotherKeysWindow()
    {
        // Arrange: lookups race with inserts, removals, growth and shrinking.
        var table = new StringWindowTable();
        string[] keys = Enumerable.Range(0, 2_000).Select(i => $"10.1.{i / 256}.{i % 256}").ToArray();
        int wrong = 0;
        using var done = new CancellationTokenSource();

        // Act
        Task churn = Task.Run(() =>
        {
            for (int round = 0; round < 20; round++)
            {
                foreach (string key in keys)
                {
                    table.GetOrAdd(key, NewWindow());
                }

                foreach (string key in keys)
                {
                    if (table.Find(key) is { } window)
                    {
                        table.Remove(window);
                    }
                }
            }
        });
        Task[] readers = Enumerable.Range(0, 3).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            while (!churn.IsCompleted)
            {
                string key = keys[random.Next(keys.Length)];
                SlidingWindow window = table.Find(key) ?? table.GetOrAdd(key, NewWindow());
                if (window.TableKey != key)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToArray();
        await Task.WhenAll([churn, .. readers]).WaitAsync(TimeSpan.FromSeconds(60));

        // Assert
        Assert.Equal(0, wrong);
        foreach (string key in keys)
        {
            SlidingWindow? window = table.Find(key);
            Assert.True(window is null || window.TableKey == key);
        }
    }

    [Fact]
    public void Clear_RemovesEveryKey()
    {
        // Arrange
        var table = new StringWindowTable();
        table.GetOrAdd("a", NewWindow());
        table.GetOrAdd("b", NewWindow());

        // Act
        table.Clear();

        // Assert
        Assert.Equal(0, table.Count);
        Assert.Null(table.Find("a"));
        var windows = new List<SlidingWindow>();
        table.CopyWindows(windows);
        Assert.Empty(windows);
    }

    private static SlidingWindowCounter NewWindow() => new(10, TimeSpan.TicksPerMinute);

    private static List<string> FindKeysSharingLowHashBits(ulong seed, int count, int bits)
    {
        int mask = (1 << bits) - 1;
        int target = StringWindowTable.FastHash("10.0.0.0", seed) & mask;
        var keys = new List<string>(count);
        for (long i = 0; keys.Count < count; i++)
        {
            string key = $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}:{i >> 24}";
            if ((StringWindowTable.FastHash(key, seed) & mask) == target)
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
