using System.Net;
using Tx.Resilience;
using Tx.Resilience.Pipeline;

namespace ReferenceServices.ServiceDefaults.Http;

/// <summary>Sends through a Tx.Resilience pipeline. 5xx responses count as failures for the breaker and are returned
/// unchanged; rejections (open circuit, full bulkhead, timeout) become 503 responses with Retry-After when known.</summary>
public sealed class ResilienceHttpHandler(ResiliencePipeline pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                static async (state, ct) =>
                {
                    HttpResponseMessage response = await state.handler.SendCoreAsync(state.request, ct);
                    return (int)response.StatusCode >= 500 ? throw new DownstreamServerErrorException(response) : response;
                },
                (handler: this, request),
                cancellationToken);
        }
        catch (DownstreamServerErrorException error)
        {
            return error.Response;
        }
        catch (ExecutionRejectedException rejected)
        {
            HttpResponseMessage response = new(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, ReasonPhrase = rejected.Message };
            if (rejected.RetryAfter is { } after)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
            }

            return response;
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
