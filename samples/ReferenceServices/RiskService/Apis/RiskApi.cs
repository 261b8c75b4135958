using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Problems;
using RiskService.Application;

namespace RiskService.Apis;

public static class RiskApi
{
    public static RouteGroupBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/risk");
        api.MapPost("/assess", Ok<RiskAssessment> (RiskAssessmentRequest request, RiskEngine engine) =>
            TypedResults.Ok(engine.Assess(Require.Text(request.UserId, "userId"), Require.Amount(request.Amount, "amount", decimal.MaxValue))));
        return api;
    }
}
