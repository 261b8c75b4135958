using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>
/// The global log never lets a reader overtake a slow writer: a reader that continues after the last position
/// it saw never misses an event that committed late.
/// </summary>
public abstract class GlobalOrderComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    [ComplianceFact]
    public async Task ReadAll_WhileAWriterIsHeldBeforeCommit_ReaderDoesNotOvertakeIt()
    {
        if (!Fixture.SupportsBeforeCommitHook)
        {
            return;
        }

        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int holds = 0;
        var options = new ProviderTestOptions
        {
            BeforeCommit = async ct =>
            {
                if (Volatile.Read(ref holds) == 1 && Interlocked.Exchange(ref holds, 2) == 1)
                {
                    entered.TrySetResult();
                    await release.Task.WaitAsync(ct);
                }
            },
        };
        await using var t = await CreateStoreAsync(providerOptions: options);
        await t.Store.AppendAsync("before", ExpectedVersion.NoStream, Events("before", 2));

        Volatile.Write(ref holds, 1);
        var slow = Task.Run(async () => await t.Store.AppendAsync("slow", ExpectedVersion.NoStream, Events("slow", 2)));
        await entered.Task.WaitAsync(WaitLimit);
        var fast = Task.Run(async () => await t.Store.AppendAsync("fast", ExpectedVersion.NoStream, Events("fast", 2)));
        await Task.WhenAny(fast, Task.Delay(TimeSpan.FromMilliseconds(500)));
        var seenWhileHeld = await ReadAllAsync(t.Store);
        long lastSeen = seenWhileHeld.Count == 0 ? 0 : seenWhileHeld[^1].Position;

        release.SetResult();
        await Task.WhenAll(slow, fast).WaitAsync(WaitLimit);
        var continued = await ReadAllAsync(t.Store, lastSeen);
        var everything = await ReadAllAsync(t.Store);

        Assert.Equal(6, everything.Count);
        Assert.Equal(everything.Select(e => e.EventId), seenWhileHeld.Concat(continued).Select(e => e.EventId));
        Assert.DoesNotContain(seenWhileHeld, e => e.StreamId == "slow");
        AssertStrictlyIncreasing(everything);
    }

    [ComplianceFact]
    public async Task ReadAll_TwoWritersAndATailingReader_NeverSkipsOrRepeatsAnEvent()
    {
        var random = new Random(42);
        var options = new ProviderTestOptions
        {
            // Widens the window between position assignment and commit, where a reader could overtake.
            BeforeCommit = async ct =>
            {
                int roll;
                lock (random)
                {
                    roll = random.Next(4);
                }

                if (roll == 0)
                {
                    await Task.Delay(1, ct);
                }
                else if (roll == 1)
                {
                    await Task.Yield();
                }
            },
        };
        await using var t = await CreateStoreAsync(providerOptions: options);
        const int AppendsPerWriter = 60;
        bool writersDone = false;

        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < AppendsPerWriter; i++)
            {
                await t.Store.AppendAsync($"writer-{w}-{i % 5}", ExpectedVersion.Any, Events("w", 1 + (i % 3)));
            }
        })).ToArray();

        var reader = Task.Run(async () =>
        {
            var seen = new List<RecordedEvent>();
            long checkpoint = 0;
            while (true)
            {
                bool done = Volatile.Read(ref writersDone);
                var page = await t.Store.ReadAllAsync(checkpoint, 5);
                seen.AddRange(page);
                if (page.Count > 0)
                {
                    checkpoint = page[^1].Position;
                }
                else if (done)
                {
                    return seen;
                }
                else
                {
                    await Task.Delay(1);
                }
            }
        });

        await Task.WhenAll(writers).WaitAsync(WaitLimit);
        Volatile.Write(ref writersDone, true);
        var tailed = await reader.WaitAsync(WaitLimit);
        var everything = await ReadAllAsync(t.Store);

        Assert.Equal(2 * (20 * 1 + 20 * 2 + 20 * 3), everything.Count);
        Assert.Equal(everything.Select(e => e.EventId), tailed.Select(e => e.EventId));
        AssertStrictlyIncreasing(tailed);
    }

    [ComplianceFact]
    public async Task ReadAll_ConcurrentAppends_KeepEachStreamInVersionOrder()
    {
        await using var t = await CreateStoreAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 5; i++)
            {
                await t.Store.AppendAsync("c-" + w, ExpectedVersion.Any, Events("c", 4));
            }
        })));

        var all = await ReadAllAsync(t.Store);
        foreach (var group in all.GroupBy(e => e.StreamId))
        {
            var versions = group.Select(e => e.StreamVersion).ToList();
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), versions);
        }

        AssertStrictlyIncreasing(all);
    }

    private static void AssertStrictlyIncreasing(IReadOnlyList<RecordedEvent> events)
    {
        for (int i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Position > events[i - 1].Position, $"Position {events[i].Position} follows {events[i - 1].Position}.");
        }
    }
}
