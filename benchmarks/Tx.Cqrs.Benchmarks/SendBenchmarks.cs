using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Benchmarks.Messages;
using Tx.Cqrs.Commands;

namespace Tx.Cqrs.Benchmarks;

/// <summary>
/// One command through the public bus interface, singleton handler, no middleware. Anchors in the same
/// run: Mediator 3.0 through IMediator (baseline), MediatR 5.1, and a direct call of the handler.
/// </summary>
[MemoryDiagnoser]
public class SendBenchmarks
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
    private TxPingHandler _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tx = Containers.Tx(middleware: false);
        _bus = _tx.GetRequiredService<ICommandBus>();
        _mediator = Containers.Mediator(behavior: false);
        _mediatorInstance = _mediator.GetRequiredService<Mediator.IMediator>();
        _mediatR = Containers.MediatR(behavior: false, scoped: false);
        _mediatRInstance = _mediatR.GetRequiredService<MediatR.IMediator>();
        _handler = new TxPingHandler();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tx.Dispose();
        _mediator.Dispose();
        _mediatR.Dispose();
    }

    [Benchmark(Description = "direct handler call")]
    public ValueTask<Pong> Direct() => _handler.HandleAsync(_txPing, CancellationToken.None);

    [Benchmark(Description = "Tx.Cqrs ICommandBus")]
    public ValueTask<Pong> TxCqrs() => _bus.ExecuteAsync(_txPing);

    [Benchmark(Baseline = true, Description = "Mediator 3.0 IMediator")]
    public ValueTask<Pong> Mediator() => _mediatorInstance.Send(_mediatorPing);

    [Benchmark(Description = "MediatR 5.1 IMediator")]
    public Task<Pong> MediatR() => _mediatRInstance.Send(_mediatRPing);
}
