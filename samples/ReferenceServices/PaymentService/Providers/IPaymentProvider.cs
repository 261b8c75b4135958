namespace PaymentService.Providers;

/// <summary>A payment provider (card processor, bank rail). Every call is idempotent by <see cref="ProviderPaymentRequest.IntentId"/>:
/// a provider keys its operations by it, so a retried capture never collects twice.</summary>
public interface IPaymentProvider
{
    string Name { get; }

    /// <summary>Reserves the amount (card authorization).</summary>
    Task<ProviderResult> AuthorizeAsync(ProviderPaymentRequest request, CancellationToken cancellationToken);

    /// <summary>Collects the authorized amount.</summary>
    Task<ProviderResult> CaptureAsync(ProviderPaymentRequest request, CancellationToken cancellationToken);

    /// <summary>Gives a captured amount back (used when the money cannot be credited).</summary>
    Task<ProviderResult> RefundAsync(ProviderPaymentRequest request, CancellationToken cancellationToken);
}
