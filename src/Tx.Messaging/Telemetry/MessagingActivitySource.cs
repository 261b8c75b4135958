using System.Diagnostics;

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
    public static Activity? StartProcess(string topic, string group, IReadOnlyDictionary<string, string> headers)
    {
        if (!Instance.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (headers.TryGetValue(MessagingTelemetryConstants.TraceParentHeader, out string? traceParent))
        {
            _ = ActivityContext.TryParse(traceParent, null, out parent);
        }

        Activity? activity = Instance.StartActivity($"process {topic}", ActivityKind.Consumer, parent);
        activity?.SetTag(MessagingTelemetryConstants.TopicTag, topic);
        activity?.SetTag(MessagingTelemetryConstants.GroupTag, group);
        return activity;
    }
}
