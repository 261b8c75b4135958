using System.Net;
using PaymentService.Infrastructure;
using PaymentService.Providers;
using ReferenceServices.Contracts;
using ReferenceServices.Contracts.Payments;
using ReferenceServices.ServiceDefaults.Problems;
using Tx.Messaging;
using Tx.Messaging.Producing;

namespace PaymentService.Application;

/// <summary>The intent life cycle. Create: validate, check the account through the account service, authorize at the
/// provider → REQUIRES_CAPTURE (or FAILED when declined). Capture: provider capture → PROCESSING → credit the account
/// through the account service with transaction id <c>payment:&lt;intent id&gt;</c> (idempotent there) → SUCCEEDED. A declined
/// capture → FAILED, nothing credited. A credit that cannot be delivered leaves the intent PROCESSING and the capture can be
/// retried (provider and account are both idempotent by intent id). Each state change is published on <c>domain-events</c>.</summary>
public sealed class PaymentWorkflow(PaymentStore store, IPaymentProvider provider, IHttpClientFactory clients, IMessageProducer producer, TimeProvider time, ILogger<PaymentWorkflow> logger)
{
    public const decimal MaxAmount = 1_000_000m;
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<PaymentIntentDto> CreateAsync(CreatePaymentIntentRequest request, CancellationToken cancellationToken)
    {
        FieldErrors errors = new();
        string? userId = errors.Required(request.UserId, "userId");
        string? accountId = errors.Required(request.AccountId, "accountId");
        decimal? amount = errors.Amount(request.Amount, "amount", MaxAmount);
        if (amount is { } value && decimal.Round(value, Currencies.MinorUnits.GetValueOrDefault(request.Currency ?? string.Empty, 2)) != value)
        {
            errors.Add("amount", "'amount' has more decimal places than the currency allows.");
        }

        string? currency = errors.Required(request.Currency, "currency");
        if (currency is not null && !Currencies.IsKnown(currency))
        {
            errors.Add("currency", $"Unknown currency '{currency}'.");
        }

        if (request.SimulateFailure is not (null or SimulatedPaymentProvider.FailAuthorize or SimulatedPaymentProvider.FailCapture))
        {
            errors.Add("simulateFailure", "'simulateFailure' must be 'authorize', 'capture' or absent.");
        }

        if (request.Description is { Length: > 500 })
        {
            errors.Add("description", "'description' must be at most 500 characters.");
        }

        errors.ThrowIfAny();

        AccountDto account = await GetAccountAsync(accountId!, cancellationToken);
        if (account.UserId != userId)
        {
            errors.Add("accountId", $"Account '{accountId}' does not belong to user '{userId}'.");
        }

        if (account.Currency != currency)
        {
            errors.Add("currency", $"Account '{accountId}' holds {account.Currency}, not {currency}.");
        }

        errors.ThrowIfAny();

        DateTimeOffset now = time.GetUtcNow();
        string id = $"pi_{Guid.NewGuid():N}";
        ProviderResult authorization = await provider.AuthorizeAsync(new ProviderPaymentRequest(id, amount!.Value, currency!, request.SimulateFailure), cancellationToken);
        PaymentIntentDto intent = new(id, userId!, accountId!, amount.Value, currency!,
            authorization.Succeeded ? PaymentStatuses.RequiresCapture : PaymentStatuses.Failed,
            authorization.DeclineReason, authorization.Reference, request.Description, now, now);
        await store.AddAsync(new StoredIntent(intent, request.SimulateFailure));
        await PublishAsync(authorization.Succeeded ? "PaymentIntentCreated" : "PaymentFailed", intent, cancellationToken);
        return intent;
    }

    public async Task<PaymentIntentDto?> CaptureAsync(string id, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.FindAsync(id) is not { } stored)
            {
                return null;
            }

            PaymentIntentDto intent = stored.Intent;
            ProviderPaymentRequest providerRequest = new(intent.Id, intent.Amount, intent.Currency, stored.SimulateFailure);
            if (intent.Status == PaymentStatuses.RequiresCapture)
            {
                ProviderResult capture = await provider.CaptureAsync(providerRequest, cancellationToken);
                if (!capture.Succeeded)
                {
                    return await ChangeAsync(intent with { Status = PaymentStatuses.Failed, FailureReason = capture.DeclineReason }, "PaymentFailed", cancellationToken);
                }

                intent = await ChangeAsync(intent with { Status = PaymentStatuses.Processing, ProviderReference = capture.Reference }, "PaymentCaptured", cancellationToken);
            }

            if (intent.Status != PaymentStatuses.Processing)
            {
                return intent.Status is PaymentStatuses.Succeeded or PaymentStatuses.Failed
                    ? intent // already final: capture is idempotent
                    : throw new InvalidPaymentStateException($"Payment intent {id} is {intent.Status} and cannot be captured.");
            }

            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(ServiceNames.Account).PostAsJsonAsync(
                    $"/accounts/{Uri.EscapeDataString(intent.AccountId)}/credit", new BalanceChangeRequest($"payment:{intent.Id}", intent.Amount), cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new DownstreamUnavailableException($"Captured at the provider; crediting account {intent.AccountId} failed ({ex.Message}). Retry the capture.");
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return await ChangeAsync(intent with { Status = PaymentStatuses.Succeeded, FailureReason = null }, "PaymentSucceeded", cancellationToken);
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    // The account is gone: give the money back at the provider.
                    await provider.RefundAsync(providerRequest, cancellationToken);
                    return await ChangeAsync(intent with { Status = PaymentStatuses.Failed, FailureReason = $"Account {intent.AccountId} not found; refunded at the provider." }, "PaymentFailed", cancellationToken);
                }

                logger.LogWarning("Crediting account {Account} for payment {Payment} returned {Status}", intent.AccountId, intent.Id, (int)response.StatusCode);
                throw new DownstreamUnavailableException($"Captured at the provider; crediting account {intent.AccountId} returned {(int)response.StatusCode}. Retry the capture.");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<PaymentIntentDto?> CancelAsync(string id, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.FindAsync(id) is not { } stored)
            {
                return null;
            }

            return stored.Intent.Status switch
            {
                PaymentStatuses.Canceled => stored.Intent,
                PaymentStatuses.RequiresCapture => await ChangeAsync(stored.Intent with { Status = PaymentStatuses.Canceled }, "PaymentCanceled", cancellationToken),
                _ => throw new InvalidPaymentStateException($"Payment intent {id} is {stored.Intent.Status} and cannot be canceled."),
            };
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<AccountDto> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await clients.CreateClient(ServiceNames.Account)
                .GetAsync(new Uri($"/accounts/{Uri.EscapeDataString(accountId)}", UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new FieldValidationException("accountId", $"Unknown account '{accountId}'.");
            }

            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<AccountDto>(cancellationToken))!
                : throw new DownstreamUnavailableException($"Account service returned {(int)response.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            throw new DownstreamUnavailableException($"Account service unreachable: {ex.Message}");
        }
    }

    private async Task<PaymentIntentDto> ChangeAsync(PaymentIntentDto intent, string eventType, CancellationToken cancellationToken)
    {
        intent = intent with { UpdatedAt = time.GetUtcNow() };
        await store.UpdateAsync(intent);
        await PublishAsync(eventType, intent, cancellationToken);
        return intent;
    }

    private async Task PublishAsync(string eventType, PaymentIntentDto intent, CancellationToken cancellationToken) =>
        await producer.ProduceAsync(Topics.DomainEvents, intent.Id, intent,
            new MessageHeaders { EventType = eventType, AggregateId = intent.Id, CorrelationId = intent.UserId }, cancellationToken: cancellationToken);
}
