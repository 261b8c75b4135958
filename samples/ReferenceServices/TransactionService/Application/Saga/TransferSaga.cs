using System.Globalization;
using System.Net;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Transactions;
using TransactionService.Infrastructure;
using Tx.EventStore;
using Tx.EventStore.Appending;
using Tx.EventStore.Streams;
using Tx.MultiWrite.Writing;

namespace TransactionService.Application.Saga;

/// <summary>risk check → currency conversion → debit → credit → complete. Each step is recorded in the stream
/// before the next; a failed credit after a debit refunds the debit (idempotent by transaction id). The final
/// record is written through Tx.MultiWrite.</summary>
public sealed class TransferSaga(IEventStore store, IHttpClientFactory clients, IMultiWriter writer, TimeProvider time, ILogger<TransferSaga> logger)
{
    public async Task<TransactionState> RunAsync(string streamId, CancellationToken cancellationToken)
    {
        TransactionState state = await TransactionStreams.LoadAsync(store, streamId, cancellationToken);
        try
        {
            await RunStepsAsync(streamId, state, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SagaStepException)
        {
            logger.LogWarning(ex, "Transaction {Id} failed", state.Id);
            if (state.Debited && !state.Credited && !state.Refunded)
            {
                await RefundAsync(streamId, state, cancellationToken);
            }

            if (!state.IsFinal)
            {
                await AppendAsync(streamId, state, new TransactionFailed(ex.Message, time.GetUtcNow()), cancellationToken);
            }
        }

        TransactionDto dto = state.ToDto();
        await writer.WriteAsync(new MultiWriteRecord("transaction", dto.Id, dto) { WriteId = Guid.Parse(dto.Id) }, cancellationToken);
        return state;
    }

    private async Task RunStepsAsync(string streamId, TransactionState state, CancellationToken cancellationToken)
    {
        HttpClient risk = clients.CreateClient(ServiceNames.Risk);
        using (HttpResponseMessage response = await risk.PostAsJsonAsync("/risk/assess",
            new RiskAssessmentRequest(state.UserId, state.Type, state.Amount, state.Currency, state.FromAccount), cancellationToken))
        {
            response.EnsureSuccessStatusCode();
            RiskAssessment assessment = (await response.Content.ReadFromJsonAsync<RiskAssessment>(cancellationToken))!;
            await AppendAsync(streamId, state, new RiskAssessed(assessment.Score, assessment.Decision, time.GetUtcNow()), cancellationToken);
            if (assessment.Decision == "REJECT")
            {
                throw new SagaStepException($"Rejected by risk check (score {assessment.Score}).");
            }
        }

        HttpClient accounts = clients.CreateClient(ServiceNames.Account);
        decimal debitAmount = state.Amount;
        decimal creditAmount = state.Amount;
        if (state.FromAccount is not null)
        {
            AccountDto from = await GetAccountAsync(accounts, state.FromAccount, cancellationToken);
            debitAmount = await ConvertAsync(streamId, state, state.Currency, from.Currency, state.Amount, cancellationToken);
        }

        if (state.ToAccount is not null)
        {
            AccountDto to = await GetAccountAsync(accounts, state.ToAccount, cancellationToken);
            creditAmount = await ConvertAsync(streamId, state, state.Currency, to.Currency, state.Amount, cancellationToken);
        }

        if (state.FromAccount is not null)
        {
            await ChangeAsync(accounts, state.FromAccount, "debit", state.Id, debitAmount, cancellationToken);
            await AppendAsync(streamId, state, new AccountDebited(state.FromAccount, debitAmount, time.GetUtcNow()), cancellationToken);
        }

        if (state.ToAccount is not null)
        {
            await ChangeAsync(accounts, state.ToAccount, "credit", state.Id, creditAmount, cancellationToken);
            await AppendAsync(streamId, state, new AccountCredited(state.ToAccount, creditAmount, time.GetUtcNow()), cancellationToken);
        }

        await AppendAsync(streamId, state, new TransactionCompleted(time.GetUtcNow()), cancellationToken);
    }

    private async Task RefundAsync(string streamId, TransactionState state, CancellationToken cancellationToken)
    {
        HttpClient accounts = clients.CreateClient(ServiceNames.Account);
        decimal amount = state.Amount;
        await ChangeAsync(accounts, state.FromAccount!, "credit", state.Id + ":refund", amount, cancellationToken);
        await AppendAsync(streamId, state, new DebitRefunded(state.FromAccount!, amount, time.GetUtcNow()), cancellationToken);
    }

    private async Task<decimal> ConvertAsync(string streamId, TransactionState state, string from, string to, decimal amount, CancellationToken cancellationToken)
    {
        if (from == to)
        {
            return amount;
        }

        HttpClient currency = clients.CreateClient(ServiceNames.Currency);
        string query = string.Create(CultureInfo.InvariantCulture, $"/currency/convert?from={from}&to={to}&amount={amount}");
        using HttpResponseMessage response = await currency.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SagaStepException($"Currency conversion {from}->{to} failed ({(int)response.StatusCode}).");
        }

        ConversionResult result = (await response.Content.ReadFromJsonAsync<ConversionResult>(cancellationToken))!;
        await AppendAsync(streamId, state, new CurrencyConverted(from, to, result.Rate, result.Converted, time.GetUtcNow()), cancellationToken);
        return result.Converted;
    }

    private static async Task<AccountDto> GetAccountAsync(HttpClient accounts, string id, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await accounts.GetAsync(new Uri($"/accounts/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<AccountDto>(cancellationToken))!
            : throw new SagaStepException($"Account {id} unavailable ({(int)response.StatusCode}).");
    }

    private static async Task ChangeAsync(HttpClient accounts, string accountId, string direction, string transactionId, decimal amount, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await accounts.PostAsJsonAsync(
            $"/accounts/{Uri.EscapeDataString(accountId)}/{direction}", new BalanceChangeRequest(transactionId, amount), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string reason = response.StatusCode == HttpStatusCode.Conflict ? "insufficient funds" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            throw new SagaStepException($"{direction} of {accountId} failed: {reason}.");
        }
    }

    private async Task AppendAsync(string streamId, TransactionState state, object @event, CancellationToken cancellationToken)
    {
        AppendResult result = await store.AppendAsync(streamId, ExpectedVersion.Exact(state.Version),
            [new EventData(@event, new EventMetadata(CorrelationId: state.Id, UserId: state.UserId))], cancellationToken);
        state.Apply(@event, result.StreamVersion);
    }
}
