namespace PaymentService.Providers;

/// <summary>The provider's answer: accepted with a reference, or declined with a reason.</summary>
public sealed record ProviderResult(bool Succeeded, string? Reference, string? DeclineReason)
{
    public static ProviderResult Accepted(string reference) => new(true, reference, null);

    public static ProviderResult Declined(string reason) => new(false, null, reason);
}
