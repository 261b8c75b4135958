using System.Diagnostics;
using Tx.Messaging.Consuming;

namespace Tx.Messaging.Telemetry;

internal static class MessagingActivitySource
{
    public static readonly ActivitySource Instance = new(MessagingTelemetryConstants.ActivitySourceName);

    /// <summary>Starts a producer span; the transport writes <see cref="Activity.Id"/> into the <c>traceparent</c> header of its copy.</summary>
    public static Activity? StartProduce(string topic)
    {
        if (!Instance.HasListeners())
        {
            return null;
        }

        Activity? activity = Instance.StartActivity($"publish {topic}", ActivityKind.Producer);
        activity?.SetTag(MessagingTelemetryConstants.TopicTag, topic);
        return activity;
    }

    /// <summary>Starts a consumer span that continues the producer's trace when the headers carry one.</summary>
    public static Activity? StartProcess(string group, ConsumedMessage message)
    {
        if (!Instance.HasListeners())
        {
            return null;
        }

        // The headers are read only here, with a listener: an in-process message decodes them on first read.
        string topic = message.Topic;
        ActivityContext parent = default;
        if (message.Headers.TryGetValue(MessagingTelemetryConstants.TraceParentHeader, out string? traceParent))
        {
            _ = ActivityContext.TryParse(traceParent, null, out parent);
        }

        Activity? activity = Instance.StartActivity($"process {topic}", ActivityKind.Consumer, parent);
        activity?.SetTag(MessagingTelemetryConstants.TopicTag, topic);
        activity?.SetTag(MessagingTelemetryConstants.GroupTag, group);
        return activity;
    }
}
