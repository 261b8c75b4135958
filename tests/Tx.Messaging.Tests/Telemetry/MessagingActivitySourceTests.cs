using System.Diagnostics;
using Tx.Messaging.Consuming;
using Tx.Messaging.Producing;
using Tx.Messaging.Telemetry;
using Tx.Messaging.Tests.Fakes;

namespace Tx.Messaging.Tests.Telemetry;

/// <summary>An activity listener is process-wide: these tests run alone, so no other test's messages get a traceparent.</summary>
[Collection(nameof(ActivityListenerCollection))]
public sealed class MessagingActivitySourceTests
{
    [Fact]
    public async Task StartProcess_InProcessMessageWithTraceParent_ContinuesTheProducersTrace()
    {
        // Arrange
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetryConstants.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (stopped)
                {
                    stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var fixture = new InProcessFixture(partitions: 1);
        await fixture.Producer.ProduceAsync("t", new OutgoingMessage("k", new byte[] { 1 }, new MessageHeaders { EventType = "Created" }));
        using var consumer = fixture.Join("g", "t");
        ConsumedMessage message = await consumer.ConsumeAsync(CancellationToken.None);

        // Act
        using (Activity? process = MessagingActivitySource.StartProcess("g", message))
        {
            // Assert
            Activity publish;
            lock (stopped)
            {
                publish = Assert.Single(stopped, a => a.Kind == ActivityKind.Producer);
            }

            Assert.NotNull(process);
            Assert.Equal(ActivityKind.Consumer, process.Kind);
            Assert.Equal(publish.TraceId, process.TraceId);
            Assert.Equal(publish.SpanId, process.ParentSpanId);
            Assert.Equal("Created", message.Headers[MessageHeaderNames.EventType]);
        }
    }
}
