namespace PaymentService.Providers;

/// <summary>What a provider sees of an intent. <see cref="SimulateFailure"/> is honoured only by the simulated provider.</summary>
public sealed record ProviderPaymentRequest(string IntentId, decimal Amount, string Currency, string? SimulateFailure);
