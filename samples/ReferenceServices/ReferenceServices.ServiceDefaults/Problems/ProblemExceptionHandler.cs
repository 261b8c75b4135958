using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tx.Cqrs.Validation;

namespace ReferenceServices.ServiceDefaults.Problems;

/// <summary>Maps bad input to 400 application/problem+json naming the field: malformed JSON (the JSON path),
/// <see cref="ValidationException"/> from the Tx.Cqrs pipeline, and <see cref="FieldValidationException"/>.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]>? errors = exception switch
        {
            ValidationException validation => validation.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            FieldValidationException field => field.Errors,
            BadHttpRequestException { InnerException: JsonException json } => new() { [FieldFromPath(json.Path)] = [json.Message] },
            BadHttpRequestException bad => new() { ["body"] = [bad.Message] },
            _ => null,
        };
        if (errors is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ValidationProblemDetails(errors) { Status = 400, Title = "One or more fields are invalid." },
        });
    }

    private static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
