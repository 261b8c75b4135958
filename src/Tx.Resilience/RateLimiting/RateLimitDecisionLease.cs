using System.Threading.RateLimiting;

namespace Tx.Resilience.RateLimiting;

/// <summary>
/// A lease that carries a <see cref="RateLimitDecision"/>: <see cref="MetadataName.RetryAfter"/>,
/// <see cref="RateLimitMetadataNames.Remaining"/>, <see cref="RateLimitMetadataNames.Reset"/> and
/// <see cref="RateLimitMetadataNames.Limit"/>. Leases handed out by the Tx limiters are recycled when disposed,
/// so a lease must not be read after <see cref="RateLimitLease.Dispose()"/>.
/// </summary>
public sealed class RateLimitDecisionLease : RateLimitLease
{
    private static readonly string[] s_metadataNames =
    [
        MetadataName.RetryAfter.Name,
        RateLimitMetadataNames.Remaining.Name,
        RateLimitMetadataNames.Reset.Name,
        RateLimitMetadataNames.Limit.Name,
    ];

    private readonly SlidingWindow? _home;
    private RateLimitDecision _decision;
    private bool _rented;

    /// <summary>Initializes a new instance of the <see cref="RateLimitDecisionLease"/> class.</summary>
    /// <param name="decision">The decision the lease reports.</param>
    public RateLimitDecisionLease(RateLimitDecision decision)
    {
        _decision = decision;
    }

    private RateLimitDecisionLease(SlidingWindow home)
    {
        _home = home;
    }

    /// <summary>Gets the decision this lease reports.</summary>
    public RateLimitDecision Decision => _decision;

    /// <inheritdoc />
    public override bool IsAcquired => _decision.IsAllowed;

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => s_metadataNames;

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = _decision.RetryAfter;
            return true;
        }

        if (metadataName == RateLimitMetadataNames.Remaining.Name)
        {
            metadata = _decision.Remaining;
            return true;
        }

        if (metadataName == RateLimitMetadataNames.Reset.Name)
        {
            metadata = _decision.ResetAt;
            return true;
        }

        if (metadataName == RateLimitMetadataNames.Limit.Name)
        {
            metadata = _decision.Limit;
            return true;
        }

        metadata = null;
        return false;
    }

    /// <summary>
    /// Takes the window's spare lease, or makes one that belongs to the window. Call while holding the window's
    /// gate: renters of one window are serialised by it, so the spare needs no atomic exchange.
    /// </summary>
    internal static RateLimitDecisionLease TakeFrom(SlidingWindow window)
    {
        RateLimitDecisionLease? lease = Volatile.Read(ref window.SpareLease);
        if (lease is null)
        {
            return new RateLimitDecisionLease(window);
        }

        window.SpareLease = null;
        return lease;
    }

    /// <summary>
    /// Takes the window's spare lease, or <see langword="null"/> when there is none (make one with
    /// <see cref="CreateFor"/> after the gate: nothing inside the gate allocates). Call while holding the window's gate.
    /// </summary>
    internal static RateLimitDecisionLease? TakeSpareFrom(SlidingWindow window)
    {
        RateLimitDecisionLease? lease = Volatile.Read(ref window.SpareLease);
        if (lease is not null)
        {
            window.SpareLease = null;
        }

        return lease;
    }

    /// <summary>Makes a lease that goes back to <paramref name="window"/> when disposed.</summary>
    internal static RateLimitDecisionLease CreateFor(SlidingWindow window) => new(window);

    /// <summary>Fills a lease from <see cref="TakeSpareFrom"/> or <see cref="CreateFor"/> with its decision, field by field, outside the gate.</summary>
    internal RateLimitDecisionLease Fill(bool isAllowed, int limit, int remaining, long resetAtUtcTicks, long retryAfterTicks)
    {
        _decision = new RateLimitDecision(isAllowed, limit, remaining, resetAtUtcTicks, retryAfterTicks);
        _rented = true;
        return this;
    }

    /// <summary>Fills a lease from <see cref="TakeFrom"/> with its decision, outside the gate.</summary>
    internal RateLimitDecisionLease Fill(in RateLimitDecision decision)
    {
        _decision = decision;
        _rented = true;
        return this;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // Only rented leases go back, and only once: a second Dispose must not hand the same lease out twice.
        if (_rented)
        {
            _rented = false;
            // A plain store is enough: a lease returned while another is taken is simply dropped. Leases made
            // with the public constructor belong to no window and are left to the collector.
            if (_home is not null)
            {
                Volatile.Write(ref _home.SpareLease, this);
            }
        }
    }
}
