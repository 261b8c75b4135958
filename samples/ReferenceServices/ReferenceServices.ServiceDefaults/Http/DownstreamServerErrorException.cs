namespace ReferenceServices.ServiceDefaults.Http;

/// <summary>Carries a 5xx response through the pipeline so the breaker counts it; the handler unwraps it.</summary>
public sealed class DownstreamServerErrorException : HttpRequestException
{
    public DownstreamServerErrorException(HttpResponseMessage response)
        : base($"Downstream returned {(int)response.StatusCode}.", null, response.StatusCode)
    {
        Response = response;
    }

    public HttpResponseMessage Response { get; }
}
