using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tx.Messaging.DeadLettering;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Transport;
using Tx.Resilience.Retry;

namespace Tx.Messaging.Consuming;

/// <summary>
/// One consumer group member's processing loop: receive, call the handler within its time budget,
/// retry with backoff, dead-letter, and store the offset only after success or dead-lettering.
/// Messages are handled one at a time, which keeps per-partition order and means a rebalance can only
/// happen between two messages.
/// </summary>
internal sealed class ConsumerLoop
{
    // Dead-lettering and receiving are retried until they succeed or the host stops; the strategy's
    // own bound only decides how often the failure is logged between rounds.
    private const int TransportRetriesPerRound = 100;

    private readonly IMessageConsumer _consumer;
    private readonly MessageHandlerInvoker _invoker;
    private readonly IMessageProducer _producer;
    private readonly ConsumerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly MessagingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string _group;
    private readonly RetryStrategy _handlerRetry;
    private readonly RetryStrategy _transportRetry;
    private CancellationTokenSource? _handlerCts;
    private ConsumedMessage? _current;

    public ConsumerLoop(
        IMessageConsumer consumer,
        MessageHandlerInvoker invoker,
        IMessageProducer producer,
        ConsumerOptions options,
        TimeProvider timeProvider,
        MessagingMetrics metrics,
        ILogger logger)
    {
        _consumer = consumer;
        _invoker = invoker;
        _producer = producer;
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _group = options.GroupId;
        _handlerRetry = new RetryStrategy($"tx-messaging-{_group}", CreateRetryOptions(options, options.MaxRetries, OnHandlerRetryAsync), timeProvider);
        _transportRetry = new RetryStrategy($"tx-messaging-{_group}-transport", CreateRetryOptions(options, TransportRetriesPerRound, OnTransportRetryAsync), timeProvider);
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumedMessage message;
            try
            {
                // One plain call per message (awaited in this frame when the consumer has to wait); the
                // retry strategy takes over only after a failure.
                ValueTask<ConsumedMessage> next = _consumer.ConsumeAsync(stoppingToken);
                message = next.IsCompletedSuccessfully ? next.Result : await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                try
                {
                    message = await _transportRetry.ExecuteAsync(static (state, ct) => state.NextAsync(ct), new FailedReceive(_consumer, failure), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Log.ConsumeFailed(_logger, ex, _group);
                    continue;
                }
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
        using Activity? activity = MessagingActivitySource.StartProcess(_group, message);
        _current = message;
        message.Attempt = 0;
        try
        {
            await _handlerRetry.ExecuteAsync(static (state, ct) => state.Loop.AttemptAsync(state.Message, ct), (Loop: this, Message: message), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception error)
        {
            // Retries are used up, or the message is poison (never retried).
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            return await DeadLetterAsync(message, error, stoppingToken).ConfigureAwait(false);
        }

        _consumer.StoreOffset(message);
        _metrics.Consumed(message.Topic, _group);
        return true;
    }

    private static RetryOptions CreateRetryOptions(ConsumerOptions options, int maxRetries, Func<OnRetryArguments, ValueTask> onRetry) => new()
    {
        MaxRetries = maxRetries,
        BaseDelay = options.RetryBaseDelay,
        MaxDelay = options.RetryMaxDelay,
        ExponentialBase = 2,
        Jitter = options.RetryJitter > TimeSpan.Zero ? JitterKind.Additive : JitterKind.None,
        JitterMax = options.RetryJitter,
        ShouldRetry = static ex => ex is not PoisonMessageException,

        // A handler's own cancellation (an inner timeout) is a failure like any other; the host's
        // stopping token is never retried.
        RetryCanceledOperations = true,
        OnRetry = onRetry,
    };

    private ValueTask<bool> AttemptAsync(ConsumedMessage message, CancellationToken stoppingToken)
    {
        message.Attempt++;

        // One linked source serves every call until a handler times out (then it is cancelled and replaced).
        CancellationTokenSource cts = _handlerCts ??= CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        ValueTask task = _invoker.InvokeAsync(message, cts.Token);
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return new ValueTask<bool>(true);
        }

        return AwaitWithBudgetAsync(task, message, cts, stoppingToken);
    }

    private async ValueTask<bool> AwaitWithBudgetAsync(ValueTask task, ConsumedMessage message, CancellationTokenSource cts, CancellationToken stoppingToken)
    {
        Task handlerTask = task.AsTask();
        try
        {
            await handlerTask.WaitAsync(_options.HandlerTimeout, _timeProvider, stoppingToken).ConfigureAwait(false);
            return true;
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
        while (true)
        {
            try
            {
                await _transportRetry.ExecuteAsync(static (state, ct) => state.Producer.ProduceAsync(state.Topic, state.Letter, ct), (Producer: _producer, Topic: deadLetterTopic, Letter: letter), stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                // The offset must not move past a message that is neither handled nor dead-lettered.
                Log.DeadLetterFailed(_logger, ex, message.Topic, message.Partition, message.Offset, _group);
            }
        }

        _consumer.StoreOffset(message);
        _metrics.DeadLettered(message.Topic, _group);
        Log.DeadLettered(_logger, error, message.Topic, message.Partition, message.Offset, _group, deadLetterTopic, message.Attempt);
        return true;
    }

    private ValueTask OnHandlerRetryAsync(OnRetryArguments arguments)
    {
        if (_current is { } message)
        {
            _metrics.Retried(message.Topic, _group);
            Log.HandlerRetrying(_logger, arguments.Exception, message.Topic, message.Partition, message.Offset, _group, message.Attempt, arguments.Delay);
        }

        return default;
    }

    private ValueTask OnTransportRetryAsync(OnRetryArguments arguments)
    {
        Log.TransportRetrying(_logger, arguments.Exception, _group, arguments.AttemptNumber, arguments.Delay);
        return default;
    }

    /// <summary>A receive that already failed once: the retry strategy's first attempt reports that failure, later attempts receive again.</summary>
    private sealed class FailedReceive(IMessageConsumer consumer, Exception failure)
    {
        private Exception? _failure = failure;

        public ValueTask<ConsumedMessage> NextAsync(CancellationToken cancellationToken)
        {
            if (_failure is { } first)
            {
                _failure = null;
                return ValueTask.FromException<ConsumedMessage>(first);
            }

            return consumer.ConsumeAsync(cancellationToken);
        }
    }
}
