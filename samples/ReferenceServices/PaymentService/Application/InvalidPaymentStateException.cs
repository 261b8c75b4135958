namespace PaymentService.Application;

/// <summary>The intent is not in a state that allows the operation (becomes 409).</summary>
public sealed class InvalidPaymentStateException(string message) : Exception(message);
