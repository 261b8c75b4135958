using System.Diagnostics.Metrics;

namespace Tx.Messaging.Benchmarks;

internal sealed class NoopMeterFactory : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
