using System.Globalization;
using System.Net;
using System.Text.Json;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using SettlementService.Infrastructure;

namespace SettlementService.Application;

/// <summary>Checks a batch three ways: (1) the event store has the transaction's stream, initiated with the batch's
/// amount and currency and completed; (2) every debit and credit recorded in the stream is in the account's ledger
/// with the same amount; (3) every touched account's balance equals its ledger (credits − debits).</summary>
public sealed class Reconciler(IHttpClientFactory clients, TimeProvider time)
{
    public async Task<ReconciliationReport> ReconcileAsync(IReadOnlyList<SettleableTransaction> transactions, CancellationToken cancellationToken)
    {
        HttpClient eventStore = clients.CreateClient(ServiceNames.EventStore);
        HttpClient accounts = clients.CreateClient(ServiceNames.Account);
        List<ReconciliationMismatch> mismatches = [];
        Dictionary<string, AccountLedgerDto?> ledgers = new(StringComparer.Ordinal);
        foreach (SettleableTransaction t in transactions)
        {
            using HttpResponseMessage response = await eventStore.GetAsync(new Uri($"/streams/{TransactionEventTypes.StreamPrefix}{t.Id}?max=1000", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                mismatches.Add(new("missing-in-event-store", t.Id, null, "stream", "none"));
                continue;
            }

            response.EnsureSuccessStatusCode();
            StreamReadDto stream = (await response.Content.ReadFromJsonAsync<StreamReadDto>(cancellationToken))!;
            TransactionInitiated? initiated = Data<TransactionInitiated>(stream, "TransactionInitiated").FirstOrDefault();
            if (initiated is null || initiated.Amount != t.Amount || initiated.Currency != t.Currency)
            {
                mismatches.Add(new("amount-mismatch", t.Id, null, Money(t.Amount, t.Currency),
                    initiated is null ? "none" : Money(initiated.Amount, initiated.Currency)));
            }

            if (!stream.Events.Any(e => e.EventType == "TransactionCompleted"))
            {
                mismatches.Add(new("not-completed-in-event-store", t.Id, null, TransactionTypes.Completed, stream.Events.LastOrDefault()?.EventType ?? "none"));
            }

            foreach (AccountDebited debit in Data<AccountDebited>(stream, "AccountDebited"))
            {
                await CheckEntryAsync(accounts, ledgers, t.Id, debit.AccountId, "debit", debit.Amount, mismatches, cancellationToken);
            }

            foreach (AccountCredited credit in Data<AccountCredited>(stream, "AccountCredited"))
            {
                await CheckEntryAsync(accounts, ledgers, t.Id, credit.AccountId, "credit", credit.Amount, mismatches, cancellationToken);
            }
        }

        foreach ((string accountId, AccountLedgerDto? ledger) in ledgers)
        {
            if (ledger is null)
            {
                continue;
            }

            decimal fromLedger = ledger.Entries.Sum(e => e.Direction == "credit" ? e.Amount : -e.Amount);
            if (fromLedger != ledger.Account.Balance)
            {
                mismatches.Add(new("balance-mismatch", null, accountId, Format(fromLedger), Format(ledger.Account.Balance)));
            }
        }

        return new ReconciliationReport(mismatches.Count == 0 ? "CLEAN" : "MISMATCHES", transactions.Count, ledgers.Count, mismatches, time.GetUtcNow());
    }

    private static async Task CheckEntryAsync(HttpClient accounts, Dictionary<string, AccountLedgerDto?> ledgers, string transactionId, string accountId,
        string direction, decimal amount, List<ReconciliationMismatch> mismatches, CancellationToken cancellationToken)
    {
        if (!ledgers.TryGetValue(accountId, out AccountLedgerDto? ledger))
        {
            using HttpResponseMessage response = await accounts.GetAsync(new Uri($"/accounts/{Uri.EscapeDataString(accountId)}/ledger", UriKind.Relative), cancellationToken);
            ledger = response.StatusCode == HttpStatusCode.NotFound ? null
                : (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AccountLedgerDto>(cancellationToken))!;
            ledgers[accountId] = ledger;
        }

        if (ledger is null)
        {
            mismatches.Add(new("missing-account", transactionId, accountId, "account", "none"));
            return;
        }

        LedgerEntryDto? entry = ledger.Entries.FirstOrDefault(e => e.TransactionId == transactionId && e.Direction == direction);
        if (entry is null)
        {
            mismatches.Add(new("missing-ledger-entry", transactionId, accountId, $"{direction} {Format(amount)}", "none"));
        }
        else if (entry.Amount != amount)
        {
            mismatches.Add(new("ledger-amount-mismatch", transactionId, accountId, $"{direction} {Format(amount)}", $"{direction} {Format(entry.Amount)}"));
        }
    }

    private static IEnumerable<T> Data<T>(StreamReadDto stream, string eventType) =>
        stream.Events.Where(e => e.EventType == eventType).Select(e => e.Data.Deserialize<T>(JsonSerializerOptions.Web)!);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal amount, string currency) => $"{Format(amount)} {currency}";
}
