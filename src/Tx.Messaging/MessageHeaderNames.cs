namespace Tx.Messaging;

/// <summary>Header names used on messages and on dead letters.</summary>
public static class MessageHeaderNames
{
    /// <summary>The event type, for example <c>TransactionCompleted</c>.</summary>
    public const string EventType = "eventType";

    /// <summary>The id of the aggregate the event belongs to (usually also the key).</summary>
    public const string AggregateId = "aggregateId";

    /// <summary>The version of the event within its aggregate stream.</summary>
    public const string EventVersion = "eventVersion";

    /// <summary>The correlation id that ties the message to the request that caused it.</summary>
    public const string CorrelationId = "correlationId";

    /// <summary>On a dead letter: the message of the error that sent it there.</summary>
    public const string Error = "error";

    /// <summary>On a dead letter: the CLR type name of the error.</summary>
    public const string ErrorType = "errorType";

    /// <summary>On a dead letter: the topic the message was consumed from.</summary>
    public const string OriginalTopic = "originalTopic";

    /// <summary>On a dead letter: the partition the message was consumed from.</summary>
    public const string OriginalPartition = "originalPartition";

    /// <summary>On a dead letter: the offset of the message in its original partition.</summary>
    public const string OriginalOffset = "originalOffset";

    /// <summary>On a dead letter: how many times the handler was called before giving up.</summary>
    public const string Attempts = "attempts";
}
