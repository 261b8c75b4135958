using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tx.Messaging.Backoff;
using Tx.Messaging.DeadLettering;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Transport;

namespace Tx.Messaging.Consuming;

/// <summary>
/// One consumer group member's processing loop: receive, call the handler within its time budget,
/// retry with backoff, dead-letter, and store the offset only after success or dead-lettering.
/// Messages are handled one at a time, which keeps per-partition order and means a rebalance can only
/// happen between two messages.
/// </summary>
internal sealed class ConsumerLoop
{
    private readonly IMessageConsumer _consumer;
    private readonly MessageHandlerInvoker _invoker;
    private readonly IMessageProducer _producer;
    private readonly ConsumerOptions _options;
    private readonly RetryBackoff _backoff;
    private readonly TimeProvider _timeProvider;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _group;
    private CancellationTokenSource? _handlerCts;

    public ConsumerLoop(
        IMessageConsumer consumer,
        MessageHandlerInvoker invoker,
        IMessageProducer producer,
        ConsumerOptions options,
        TimeProvider timeProvider,
        MessagingMetrics metrics,
        ILogger logger,
        RetryBackoff? backoff = null)
    {
        _consumer = consumer;
        _invoker = invoker;
        _producer = producer;
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _group = options.GroupId;
        _backoff = backoff ?? new RetryBackoff(options.RetryBaseDelay, options.RetryMaxDelay, options.RetryJitter);
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        int consumeFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumedMessage message;
            try
            {
                message = await _consumer.ConsumeAsync(stoppingToken).ConfigureAwait(false);
                consumeFailures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                TimeSpan delay = _backoff.GetDelay(consumeFailures++);
                Log.ConsumeFailed(_logger, ex, _group, delay);
                if (!await DelayAsync(delay, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (!await ProcessAsync(message, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Handles one message to completion; <see langword="false"/> when stopping interrupted it (offset not stored).</summary>
    public async ValueTask<bool> ProcessAsync(ConsumedMessage message, CancellationToken stoppingToken)
    {
        using Activity? activity = MessagingActivitySource.StartProcess(message.Topic, _group, message.Headers);
        for (int attempt = 0; ; attempt++)
        {
            message.Attempt = attempt + 1;
            Exception error;
            try
            {
                await InvokeWithBudgetAsync(message, stoppingToken).ConfigureAwait(false);
                _consumer.StoreOffset(message);
                _metrics.Consumed(message.Topic, _group);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                error = ex;
            }

            if (error is PoisonMessageException || attempt >= _options.MaxRetries)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error.Message);
                return await DeadLetterAsync(message, error, stoppingToken).ConfigureAwait(false);
            }

            TimeSpan delay = _backoff.GetDelay(attempt);
            _metrics.Retried(message.Topic, _group);
            Log.HandlerRetrying(_logger, error, message.Topic, message.Partition, message.Offset, _group, message.Attempt, delay);
            if (!await DelayAsync(delay, stoppingToken).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    private ValueTask InvokeWithBudgetAsync(ConsumedMessage message, CancellationToken stoppingToken)
    {
        // One linked source serves every call until a handler times out (then it is cancelled and replaced).
        CancellationTokenSource cts = _handlerCts ??= CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        ValueTask task = _invoker.InvokeAsync(message, cts.Token);
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return default;
        }

        return AwaitWithBudgetAsync(task, message, cts, stoppingToken);
    }

    private async ValueTask AwaitWithBudgetAsync(ValueTask task, ConsumedMessage message, CancellationTokenSource cts, CancellationToken stoppingToken)
    {
        Task handlerTask = task.AsTask();
        try
        {
            await handlerTask.WaitAsync(_options.HandlerTimeout, _timeProvider, stoppingToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!handlerTask.IsCompleted)
        {
            // Abandon the call: cancel its token, observe its eventual fault, and move on so the
            // partition is never stuck behind it.
            _handlerCts = null;
            cts.Cancel();
            _ = handlerTask.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            Log.HandlerTimedOut(_logger, message.Topic, message.Partition, message.Offset, _group, _options.HandlerTimeout);
            throw new HandlerTimeoutException($"The handler exceeded its time budget of {_options.HandlerTimeout}.");
        }
    }

    private async ValueTask<bool> DeadLetterAsync(ConsumedMessage message, Exception error, CancellationToken stoppingToken)
    {
        string deadLetterTopic = TopicNames.DeadLetter(message.Topic);
        OutgoingMessage letter = DeadLetterMessage.Create(message, error);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await _producer.ProduceAsync(deadLetterTopic, letter, stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                // The offset must not move past a message that is neither handled nor dead-lettered.
                TimeSpan delay = _backoff.GetDelay(attempt);
                Log.DeadLetterFailed(_logger, ex, message.Topic, message.Partition, message.Offset, _group, delay);
                if (!await DelayAsync(delay, stoppingToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }

        _consumer.StoreOffset(message);
        _metrics.DeadLettered(message.Topic, _group);
        Log.DeadLettered(_logger, error, message.Topic, message.Partition, message.Offset, _group, deadLetterTopic, message.Attempt);
        return true;
    }

    private async ValueTask<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
