using System.Collections.Concurrent;

namespace PaymentService.Providers;

/// <summary>An in-memory provider with failure injection: an intent created with <c>simulateFailure</c> =
/// <c>authorize</c> or <c>capture</c> is declined at that step; otherwise each first capture is declined with
/// probability <c>failureRate</c>. Outcomes are remembered per intent, so retries get the same answer.</summary>
public sealed class SimulatedPaymentProvider(double failureRate) : IPaymentProvider
{
    public const string FailAuthorize = "authorize";
    public const string FailCapture = "capture";

    private readonly ConcurrentDictionary<string, ProviderResult> _captures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderResult> _refunds = new(StringComparer.Ordinal);

    public string Name => "simulated";

    public Task<ProviderResult> AuthorizeAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(request.SimulateFailure == FailAuthorize
            ? ProviderResult.Declined("card_declined: authorization refused (simulated)")
            : ProviderResult.Accepted($"auth_{request.IntentId}"));
    }

    public Task<ProviderResult> CaptureAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(_captures.GetOrAdd(request.IntentId, static (id, state) =>
            state.request.SimulateFailure == FailCapture || (state.rate > 0 && Random.Shared.NextDouble() < state.rate)
                ? ProviderResult.Declined("processing_error: capture declined by the provider (simulated)")
                : ProviderResult.Accepted($"ch_{id}"),
            (request, rate: failureRate)));
    }

    public Task<ProviderResult> RefundAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(_refunds.GetOrAdd(request.IntentId, static id => ProviderResult.Accepted($"re_{id}")));
    }
}
