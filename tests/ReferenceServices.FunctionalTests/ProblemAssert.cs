using System.Net;
using System.Text.Json;

namespace ReferenceServices.FunctionalTests;

/// <summary>Asserts a 400 (or other) application/problem+json response whose <c>errors</c> name the field.</summary>
internal static class ProblemAssert
{
    public static async Task NamesFieldAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    public static HttpRequestMessage Raw(HttpMethod method, string path, string json)
    {
        HttpRequestMessage request = ReferenceSystemFixture.Request(method, path);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return request;
    }
}
