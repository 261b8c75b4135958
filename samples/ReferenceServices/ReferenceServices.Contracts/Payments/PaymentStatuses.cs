namespace ReferenceServices.Contracts.Payments;

/// <summary>Payment intent states: REQUIRES_CAPTURE (authorized) → PROCESSING (captured at the provider, crediting
/// the account) → SUCCEEDED; FAILED (declined, no money moved); CANCELED (before capture).</summary>
public static class PaymentStatuses
{
    public const string RequiresCapture = "REQUIRES_CAPTURE";
    public const string Processing = "PROCESSING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";
}
