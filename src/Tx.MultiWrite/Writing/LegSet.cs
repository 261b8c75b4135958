using Microsoft.Extensions.Options;
using Tx.MultiWrite.Targets;
using Tx.MultiWrite.Telemetry;
using Tx.Resilience.CircuitBreaking;

namespace Tx.MultiWrite.Writing;

/// <summary>Every registered target as a leg, built once.</summary>
internal sealed class LegSet
{
    private readonly Dictionary<string, Leg> _byName;

    public LegSet(IEnumerable<TargetRegistration> registrations, IServiceProvider services, IOptionsMonitor<TargetLegOptions> legOptions, TimeProvider timeProvider, MultiWriteMetrics metrics)
    {
        var legs = new List<Leg>();
        foreach (TargetRegistration registration in registrations)
        {
            IWriteTarget target = registration.Factory(services);
            TargetLegOptions options = legOptions.Get(registration.Name);
            var breaker = new CircuitBreaker(
                "multiwrite-" + registration.Name,
                new CircuitBreakerOptions
                {
                    FailureRatio = options.FailureRatio,
                    MinimumThroughput = options.MinimumThroughput,
                    SamplingDuration = options.SamplingDuration,
                    BreakDuration = options.BreakDuration,
                },
                timeProvider);
            legs.Add(new Leg(target, options, breaker, timeProvider, metrics));
        }

        Legs = legs;
        _byName = legs.ToDictionary(l => l.Name, StringComparer.Ordinal);
        if (_byName.Count != legs.Count)
        {
            throw new InvalidOperationException("Two multi-write targets have the same name.");
        }
    }

    public IReadOnlyList<Leg> Legs { get; }

    public Leg? Find(string name) => _byName.GetValueOrDefault(name);
}
