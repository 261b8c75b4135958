namespace PaymentService.Application;

/// <summary>The account service could not answer; the request can be retried (becomes 503).</summary>
public sealed class DownstreamUnavailableException(string message) : Exception(message);
