using Microsoft.AspNetCore.Http.HttpResults;
using PaymentService.Application;
using PaymentService.Infrastructure;
using ReferenceServices.Contracts.Payments;

namespace PaymentService.Apis;

public static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/payments/intents");
        api.MapPost("/", CreateAsync);
        api.MapGet("/", async (string? userId, PaymentStore store) => TypedResults.Ok(await store.ListAsync(userId)));
        api.MapGet("/{id}", async Task<Results<Ok<PaymentIntentDto>, NotFound>> (string id, PaymentStore store) =>
            await store.FindAsync(id) is { } stored ? TypedResults.Ok(stored.Intent) : TypedResults.NotFound());
        api.MapPost("/{id}/capture", (string id, PaymentWorkflow workflow, CancellationToken ct) => RunAsync(() => workflow.CaptureAsync(id, ct)));
        api.MapPost("/{id}/cancel", (string id, PaymentWorkflow workflow, CancellationToken ct) => RunAsync(() => workflow.CancelAsync(id, ct)));
        return api;
    }

    private static async Task<Results<Created<PaymentIntentDto>, ProblemHttpResult>> CreateAsync(CreatePaymentIntentRequest request, PaymentWorkflow workflow, CancellationToken ct)
    {
        try
        {
            PaymentIntentDto intent = await workflow.CreateAsync(request, ct);
            return TypedResults.Created($"/payments/intents/{intent.Id}", intent);
        }
        catch (DownstreamUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Account service unavailable");
        }
    }

    /// <summary>200 with the intent in its new state (a declined capture is 200 with status FAILED and the reason).</summary>
    private static async Task<Results<Ok<PaymentIntentDto>, NotFound, ProblemHttpResult>> RunAsync(Func<Task<PaymentIntentDto?>> operation)
    {
        try
        {
            return await operation() is { } intent ? TypedResults.Ok(intent) : TypedResults.NotFound();
        }
        catch (InvalidPaymentStateException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Invalid payment state");
        }
        catch (DownstreamUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Account service unavailable");
        }
    }
}
