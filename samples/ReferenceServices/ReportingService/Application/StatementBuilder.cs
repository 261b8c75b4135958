using System.Net;
using ReferenceServices.Contracts;
using ReportingService.Infrastructure;

namespace ReportingService.Application;

/// <summary>Builds statements from the account service's ledger (one consistent read: balance and entries) and daily
/// summaries from the reporting store.</summary>
public sealed class StatementBuilder(IHttpClientFactory clients, ReportingStore store)
{
    public async Task<Statement?> StatementAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        HttpClient accounts = clients.CreateClient(ServiceNames.Account);
        using HttpResponseMessage response = await accounts.GetAsync(new Uri($"/accounts/{Uri.EscapeDataString(accountId)}/ledger", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        AccountLedgerDto ledger = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AccountLedgerDto>(cancellationToken))!;
        decimal opening = ledger.Entries.Where(e => e.At < from).Sum(Signed);
        decimal balance = opening;
        List<StatementLine> lines = [];
        foreach (LedgerEntryDto e in ledger.Entries.Where(e => e.At >= from && e.At < to))
        {
            balance += Signed(e);
            lines.Add(new StatementLine(e.At, e.TransactionId, Describe(e), e.Direction == "debit" ? e.Amount : null, e.Direction == "credit" ? e.Amount : null, balance));
        }

        return new Statement(ledger.Account.Id, ledger.Account.UserId, ledger.Account.Currency, from, to, opening,
            lines.Sum(l => l.Credit ?? 0m), lines.Sum(l => l.Debit ?? 0m), balance, lines);
    }

    public DailySummary Daily(DateOnly date)
    {
        DateTimeOffset from = new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        IReadOnlyList<ReportedTransaction> transactions = store.UpdatedBetween(from, from.AddDays(1));
        DailyCurrencySummary[] currencies = [.. transactions.GroupBy(t => t.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DailyCurrencySummary(
                g.Key,
                g.Count(t => t.Status == TransactionTypes.Completed),
                g.Count(t => t.Status == TransactionTypes.Failed),
                g.Count(t => t.Status == TransactionTypes.Pending),
                g.Where(t => t.Status == TransactionTypes.Completed).Sum(t => t.Amount),
                g.Count(t => t.Type == TransactionTypes.Transfer),
                g.Count(t => t.Type == TransactionTypes.Deposit),
                g.Count(t => t.Type == TransactionTypes.Withdrawal)))];
        return new DailySummary(date, transactions.Count, currencies.Sum(c => c.Completed), currencies.Sum(c => c.Failed), currencies.Sum(c => c.Pending), currencies);
    }

    private string Describe(LedgerEntryDto e)
    {
        if (e.TransactionId == "opening")
        {
            return "opening balance";
        }

        string id = e.TransactionId.EndsWith(":refund", StringComparison.Ordinal) ? e.TransactionId[..^":refund".Length] : e.TransactionId;
        string kind = store.Find(id)?.Type ?? "transaction";
        return id == e.TransactionId ? $"{kind} {e.Direction}" : $"{kind} refund";
    }

    private static decimal Signed(LedgerEntryDto e) => e.Direction == "credit" ? e.Amount : -e.Amount;
}
