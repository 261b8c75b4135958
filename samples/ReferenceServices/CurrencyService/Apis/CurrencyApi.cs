using CurrencyService.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Problems;

namespace CurrencyService.Apis;

public static class CurrencyApi
{
    public static RouteGroupBuilder MapCurrencyApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/currency");
        api.MapGet("/rates", (RateTable rates) => TypedResults.Ok(rates.Snapshot()));
        api.MapPut("/rates/{code}", NoContent (string code, decimal? perUsd, RateTable rates) =>
        {
            Known(code, "code");
            rates.Set(code, Require.Amount(perUsd, "perUsd", 1_000_000m));
            return TypedResults.NoContent();
        });
        api.MapGet("/convert", Results<Ok<ConversionResult>, ProblemHttpResult> (string? from, string? to, decimal? amount, RateTable rates) =>
        {
            string source = Known(from, "from");
            string target = Known(to, "to");
            decimal value = Require.Amount(amount, "amount", 1_000_000_000m);
            try
            {
                return TypedResults.Ok(rates.Convert(source, target, value));
            }
            catch (StaleRateException ex)
            {
                return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Stale rate");
            }
        });
        return api;
    }

    private static string Known(string? code, string field)
    {
        string value = Require.Text(code, field);
        return Currencies.IsKnown(value) ? value : throw new FieldValidationException(field, $"Unknown currency '{value}'.");
    }
}
