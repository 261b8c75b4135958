using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Benchmarks.Messages;
using Tx.Cqrs.Commands;

namespace Tx.Cqrs.Benchmarks;

/// <summary>
/// One command through one pass-through middleware (behavior) and a singleton handler. Anchors in the
/// same run: Mediator 3.0 + 1 behavior (baseline), MediatR 5.1 + 1 behavior.
/// </summary>
[MemoryDiagnoser]
public class SendWithMiddlewareBenchmarks
{
    private readonly TxPing _txPing = new(1);
    private readonly MediatorPing _mediatorPing = new(1);
    private readonly MediatRPing _mediatRPing = new(1);
    private ServiceProvider _tx = null!;
    private ServiceProvider _mediator = null!;
    private ServiceProvider _mediatR = null!;
    private ICommandBus _bus = null!;
    private Mediator.IMediator _mediatorInstance = null!;
    private MediatR.IMediator _mediatRInstance = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tx = Containers.Tx(middleware: true);
        _bus = _tx.GetRequiredService<ICommandBus>();
        _mediator = Containers.Mediator(behavior: true);
        _mediatorInstance = _mediator.GetRequiredService<Mediator.IMediator>();
        _mediatR = Containers.MediatR(behavior: true, scoped: false);
        _mediatRInstance = _mediatR.GetRequiredService<MediatR.IMediator>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tx.Dispose();
        _mediator.Dispose();
        _mediatR.Dispose();
    }

    [Benchmark(Description = "Tx.Cqrs + 1 middleware")]
    public ValueTask<Pong> TxCqrs() => _bus.ExecuteAsync(_txPing);

    [Benchmark(Baseline = true, Description = "Mediator 3.0 + 1 behavior")]
    public ValueTask<Pong> Mediator() => _mediatorInstance.Send(_mediatorPing);

    [Benchmark(Description = "MediatR 5.1 + 1 behavior")]
    public Task<Pong> MediatR() => _mediatRInstance.Send(_mediatRPing);
}
