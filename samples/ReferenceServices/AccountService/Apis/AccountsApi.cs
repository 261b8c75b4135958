using AccountService.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferenceServices.Contracts;
using ReferenceServices.ServiceDefaults.Problems;

namespace AccountService.Apis;

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/accounts");
        api.MapPost("/", CreateAsync);
        api.MapGet("/", (string? userId, AccountStore store) => TypedResults.Ok(store.List(userId)));
        api.MapGet("/{id}", Results<Ok<AccountDto>, NotFound> (string id, AccountStore store) =>
            store.Find(id) is { } account ? TypedResults.Ok(account) : TypedResults.NotFound());
        api.MapGet("/{id}/ledger", Results<Ok<AccountLedgerDto>, NotFound> (string id, AccountStore store) =>
            store.Ledger(id) is { } ledger ? TypedResults.Ok(ledger) : TypedResults.NotFound());
        api.MapPost("/{id}/debit", (string id, BalanceChangeRequest request, AccountStore store) => ChangeAsync(id, "debit", request, store));
        api.MapPost("/{id}/credit", (string id, BalanceChangeRequest request, AccountStore store) => ChangeAsync(id, "credit", request, store));
        return api;
    }

    private static async Task<Created<AccountDto>> CreateAsync(CreateAccountRequest request, AccountStore store)
    {
        string userId = Require.Text(request.UserId, "userId");
        string currency = Require.Text(request.Currency, "currency");
        if (!Currencies.IsKnown(currency))
        {
            throw new FieldValidationException("currency", $"Unknown currency '{currency}'.");
        }

        decimal initial = request.InitialBalance ?? 0m;
        if (initial is < 0 or > 1_000_000_000m)
        {
            throw new FieldValidationException("initialBalance", "'initialBalance' must be between 0 and 1000000000.");
        }

        AccountDto account = await store.CreateAsync(userId, currency, initial);
        return TypedResults.Created($"/accounts/{account.Id}", account);
    }

    private static async Task<Results<Ok<AccountDto>, NotFound, Conflict<string>>> ChangeAsync(string id, string direction, BalanceChangeRequest request, AccountStore store)
    {
        string transactionId = Require.Text(request.TransactionId, "transactionId");
        decimal amount = Require.Amount(request.Amount, "amount", 1_000_000_000m);
        try
        {
            return await store.ChangeAsync(id, transactionId, direction, amount) is { } account ? TypedResults.Ok(account) : TypedResults.NotFound();
        }
        catch (InsufficientFundsException ex)
        {
            return TypedResults.Conflict(ex.Message);
        }
    }
}
