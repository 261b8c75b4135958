using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Benchmarks.Messages;
using Tx.Cqrs.Queries;

namespace Tx.Cqrs.Benchmarks;

/// <summary>
/// One query answered by a scoped handler in a fresh service scope per call. Tx.Cqrs creates the scope
/// itself; MediatR (baseline) is used the usual way: a scope per call, IMediator and the handler
/// resolved from it.
/// </summary>
[MemoryDiagnoser]
public class ScopedQueryBenchmarks
{
    private readonly TxGetPong _txQuery = new(1);
    private readonly MediatRGetPong _mediatRQuery = new(1);
    private ServiceProvider _tx = null!;
    private ServiceProvider _mediatR = null!;
    private IQueryBus _bus = null!;
    private IServiceScopeFactory _mediatRScopes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tx = Containers.Tx(middleware: false);
        _bus = _tx.GetRequiredService<IQueryBus>();
        _mediatR = Containers.MediatR(behavior: false, scoped: true);
        _mediatRScopes = _mediatR.GetRequiredService<IServiceScopeFactory>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tx.Dispose();
        _mediatR.Dispose();
    }

    [Benchmark(Description = "Tx.Cqrs IQueryBus, scoped handler")]
    public ValueTask<Pong> TxCqrs() => _bus.ExecuteAsync(_txQuery);

    [Benchmark(Baseline = true, Description = "MediatR 5.1, scoped handler")]
    public async Task<Pong> MediatR()
    {
        AsyncServiceScope scope = _mediatRScopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(_mediatRQuery).ConfigureAwait(false);
        }
    }
}
