using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Tests.CircuitBreaking;

public sealed partial class CircuitBreakerTests
{
    [Fact]
    public async Task TryAcquire_ManyThreadsInHalfOpen_AdmitsNeverMoreThanPermittedProbes()
    {
        for (int round = 0; round < 20; round++)
        {
            var time = new FakeTimeProvider();
            var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 1, PermittedHalfOpenProbes = 3 }, time);
            breaker.TryAcquire(out CircuitBreakerPermit p);
            breaker.RecordFailure(p);
            time.Advance(TimeSpan.FromSeconds(30));
            int granted = 0;
            using var start = new Barrier(8);

            Task[] tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < 100; i++)
                {
                    if (breaker.TryAcquire(out CircuitBreakerPermit unused))
                    {
                        Interlocked.Increment(ref granted);
                    }
                }
            })).ToArray();
            await Task.WhenAll(tasks);

            Assert.Equal(3, granted);
            Assert.Equal(CircuitState.HalfOpen, breaker.State);
        }
    }

    [Fact]
    public async Task ExecuteAsync_ManyThreadsMixedOutcomes_ProbesPerHalfOpenEpisodeBounded()
    {
        var time = new FakeTimeProvider();
        const int Probes = 2;
        var breaker = new CircuitBreaker("b", new CircuitBreakerOptions { MinimumThroughput = 2, PermittedHalfOpenProbes = Probes, BreakDuration = TimeSpan.FromSeconds(1) }, time);
        var probesPerEpisode = new ConcurrentDictionary<int, int>();
        using var start = new Barrier(6);

        Task[] tasks = Enumerable.Range(0, 6).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            start.SignalAndWait();
            for (int i = 0; i < 20_000; i++)
            {
                if (t == 0 && i % 50 == 0)
                {
                    time.Advance(TimeSpan.FromMilliseconds(300));
                }

                if (!breaker.TryAcquire(out CircuitBreakerPermit permit))
                {
                    continue;
                }

                if (permit.State == CircuitState.HalfOpen)
                {
                    probesPerEpisode.AddOrUpdate(permit.StateWord, 1, static (_, n) => n + 1);
                }

                if (random.NextDouble() < 0.6)
                {
                    breaker.RecordFailure(permit);
                }
                else
                {
                    breaker.RecordSuccess(permit);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        Assert.NotEmpty(probesPerEpisode);
        Assert.All(probesPerEpisode.Values, n => Assert.InRange(n, 1, Probes));
    }

    [Fact]
    public async Task RecordSuccess_ManyThreadsClosed_CountsEveryCall()
    {
        var time = new FakeTimeProvider();
        var breaker = new CircuitBreaker("b", timeProvider: time);
        using var start = new Barrier(4);

        Task[] tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 25_000; i++)
            {
                await breaker.ExecuteAsync(static (s, _) => ValueTask.FromResult(s), i);
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        CircuitBreakerSnapshot snapshot = breaker.GetSnapshot();
        Assert.Equal(100_000, snapshot.Calls);
        Assert.Equal(0, snapshot.Failures);
    }
}
