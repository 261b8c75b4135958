namespace ReferenceServices.Contracts.Payments;

/// <summary>Body of <c>POST /payments/intents</c>: money to collect from the provider into <see cref="AccountId"/>.
/// <see cref="SimulateFailure"/> (<c>authorize</c> or <c>capture</c>) makes the simulated provider decline that step.</summary>
public sealed record CreatePaymentIntentRequest(
    string? UserId,
    string? AccountId,
    decimal? Amount,
    string? Currency,
    string? Description = null,
    string? SimulateFailure = null);
