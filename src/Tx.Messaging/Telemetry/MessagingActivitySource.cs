using System.Diagnostics;

namespace Tx.Messaging.Telemetry;

internal static class MessagingActivitySource
{
    public static readonly ActivitySource Instance = new(MessagingTelemetryConstants.ActivitySourceName);

    /// <summary>Starts a producer span and writes its trace context into the headers.</summary>
    public static Activity? StartProduce(string topic, MessageHeaders headers)
    {
        if (!Instance.HasListeners())
        {
            return null;
        }

        Activity? activity = Instance.StartActivity($"publish {topic}", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag(MessagingTelemetryConstants.TopicTag, topic);
            if (activity.Id is { } id)
            {
                headers.Set(MessagingTelemetryConstants.TraceParentHeader, id);
            }
        }

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
