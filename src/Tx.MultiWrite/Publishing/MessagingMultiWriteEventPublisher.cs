using Tx.Messaging;
using Tx.Messaging.Producing;

namespace Tx.MultiWrite.Publishing;

/// <summary>
/// Publishes through a Tx.Messaging producer (Kafka or the in-process transport): failed legs to
/// <c>failed-writes</c>, compensations to <c>compensation-events</c>, keyed by write id so that every event of
/// one write lands on one partition, in order.
/// </summary>
internal sealed class MessagingMultiWriteEventPublisher(IMessageProducer producer) : IMultiWriteEventPublisher
{
    public async ValueTask PublishFailedWriteAsync(FailedWriteEvent failedWrite, CancellationToken cancellationToken)
    {
        var headers = new MessageHeaders()
            .Set(MessageHeaderNames.EventType, "WRITE_FAILED")
            .Set(MessageHeaderNames.AggregateId, failedWrite.WriteId.ToString("D"))
            .Set(MessageHeaderNames.Attempts, failedWrite.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await producer.ProduceAsync(TopicNames.FailedWrites, failedWrite.WriteId.ToString("D"), failedWrite, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask PublishCompensationRequiredAsync(CompensationRequiredEvent compensation, CancellationToken cancellationToken)
    {
        var headers = new MessageHeaders()
            .Set(MessageHeaderNames.EventType, MultiWriteTopics.CompensationRequired)
            .Set(MessageHeaderNames.AggregateId, compensation.WriteId.ToString("D"));
        await producer.ProduceAsync(TopicNames.CompensationEvents, compensation.WriteId.ToString("D"), compensation, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
