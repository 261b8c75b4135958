using System.Globalization;
using System.Text;

namespace ReportingService.Application;

/// <summary>RFC 4180 CSV (comma, CRLF, quotes doubled), invariant numbers, ISO-8601 UTC times.</summary>
public static class ReportCsv
{
    public static string Statement(Statement s)
    {
        StringBuilder csv = new();
        Row(csv, "account", "user", "currency", "from", "to", "opening_balance", "total_credits", "total_debits", "closing_balance");
        Row(csv, s.AccountId, s.UserId, s.Currency, Time(s.From), Time(s.To), Number(s.OpeningBalance), Number(s.TotalCredits), Number(s.TotalDebits), Number(s.ClosingBalance));
        csv.Append("\r\n");
        Row(csv, "at", "transaction_id", "description", "debit", "credit", "balance");
        foreach (StatementLine l in s.Lines)
        {
            Row(csv, Time(l.At), l.TransactionId, l.Description, l.Debit is { } d ? Number(d) : string.Empty, l.Credit is { } c ? Number(c) : string.Empty, Number(l.Balance));
        }

        return csv.ToString();
    }

    public static string Daily(DailySummary s)
    {
        StringBuilder csv = new();
        Row(csv, "date", "currency", "completed", "failed", "pending", "completed_volume", "transfers", "deposits", "withdrawals");
        foreach (DailyCurrencySummary c in s.Currencies)
        {
            Row(csv, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Currency, Number(c.Completed), Number(c.Failed), Number(c.Pending),
                Number(c.CompletedVolume), Number(c.Transfers), Number(c.Deposits), Number(c.Withdrawals));
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, params string[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            string f = fields[i];
            csv.Append(f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f);
        }

        csv.Append("\r\n");
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
