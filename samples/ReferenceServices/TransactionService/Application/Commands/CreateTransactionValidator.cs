using System.Net;
using ReferenceServices.Contracts;
using Tx.Cqrs.Validation;

namespace TransactionService.Application.Commands;

/// <summary>Field checks, then account existence (account service): nothing is stored before this passes.</summary>
public sealed class CreateTransactionValidator(IHttpClientFactory clients) : IValidator<CreateTransactionCommand>
{
    public const decimal MaxAmount = 1_000_000m;

    public async ValueTask ValidateAsync(CreateTransactionCommand message, ValidationErrorCollection errors, CancellationToken cancellationToken)
    {
        CreateTransactionRequest r = message.Request;
        if (string.IsNullOrWhiteSpace(r.UserId))
        {
            errors.Add("userId", "'userId' is required.");
        }

        if (!TransactionTypes.IsKnown(r.Type))
        {
            errors.Add("type", "'type' must be transfer, deposit or withdrawal.");
        }

        if (r.Amount is not { } amount)
        {
            errors.Add("amount", "'amount' is required.");
        }
        else if (amount <= 0 || amount > MaxAmount)
        {
            errors.Add("amount", $"'amount' must be greater than 0 and at most {MaxAmount}.");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add("amount", "'amount' has more than 2 decimal places.");
        }

        if (!Currencies.IsKnown(r.Currency))
        {
            errors.Add("currency", $"Unknown currency '{r.Currency}'.");
        }

        bool needsFrom = r.Type is TransactionTypes.Transfer or TransactionTypes.Withdrawal;
        bool needsTo = r.Type is TransactionTypes.Transfer or TransactionTypes.Deposit;
        if (needsFrom && string.IsNullOrWhiteSpace(r.FromAccount))
        {
            errors.Add("fromAccount", "'fromAccount' is required.");
        }

        if (needsTo && string.IsNullOrWhiteSpace(r.ToAccount))
        {
            errors.Add("toAccount", "'toAccount' is required.");
        }

        if (needsFrom && needsTo && r.FromAccount == r.ToAccount && r.FromAccount is not null)
        {
            errors.Add("toAccount", "'toAccount' must differ from 'fromAccount'.");
        }

        if (errors.Count > 0)
        {
            return;
        }

        HttpClient accounts = clients.CreateClient(ServiceNames.Account);
        if (needsFrom)
        {
            await CheckAccountAsync(accounts, r.FromAccount!, "fromAccount", errors, cancellationToken);
        }

        if (needsTo)
        {
            await CheckAccountAsync(accounts, r.ToAccount!, "toAccount", errors, cancellationToken);
        }
    }

    private static async Task CheckAccountAsync(HttpClient accounts, string id, string field, ValidationErrorCollection errors, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await accounts.GetAsync(new Uri($"/accounts/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            errors.Add(field, $"Unknown account '{id}'.");
            return;
        }

        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadFromJsonAsync<AccountDto>(cancellationToken);
    }
}
