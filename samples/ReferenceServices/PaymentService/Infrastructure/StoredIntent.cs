using ReferenceServices.Contracts.Payments;

namespace PaymentService.Infrastructure;

/// <summary>An intent row: the public view plus the failure injected for the simulated provider.</summary>
public sealed record StoredIntent(PaymentIntentDto Intent, string? SimulateFailure);
