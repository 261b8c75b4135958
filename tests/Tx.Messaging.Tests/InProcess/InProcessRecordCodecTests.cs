using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Tx.Messaging.Consuming;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessRecordCodecTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 26, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public void EncodeDecode_KeyValueHeaders_RoundTripInOrder()
    {
        var headers = new MessageHeaders { EventType = "Created", AggregateId = "a-1", CorrelationId = "c-ü-1" };

        ConsumedMessage message = RoundTrip("txn_1", [1, 2, 3], headers, traceParent: null);

        Assert.Equal("t", message.Topic);
        Assert.Equal(2, message.Partition);
        Assert.Equal(7, message.Offset);
        Assert.Equal("txn_1", message.Key);
        Assert.Equal([1, 2, 3], message.Value.ToArray());
        Assert.Equal([.. headers], [.. message.Headers]);
        Assert.Equal(s_now, message.Timestamp);
    }

    [Fact]
    public void EncodeDecode_NullKeyEmptyValueNoHeaders_RoundTrip()
    {
        ConsumedMessage message = RoundTrip(key: null, [], [], traceParent: null);

        Assert.Null(message.Key);
        Assert.True(message.Value.IsEmpty);
        Assert.Same(InProcessHeaders.Empty, message.Headers);
    }

    [Fact]
    public void EncodeDecode_EmptyKeyAndEmptyHeaderValue_StayEmptyNotNull()
    {
        ConsumedMessage message = RoundTrip(string.Empty, [9], new MessageHeaders().Set("empty", string.Empty), traceParent: null);

        Assert.Equal(string.Empty, message.Key);
        Assert.Equal(string.Empty, message.Headers["empty"]);
    }

    [Fact]
    public void Encode_WithTraceParent_AppendsIt()
    {
        ConsumedMessage message = RoundTrip("k", [1], new MessageHeaders { EventType = "Created" }, "00-trace-span-01");

        Assert.Equal(["eventType", "traceparent"], message.Headers.Keys);
        Assert.Equal("00-trace-span-01", message.Headers["traceparent"]);
    }

    [Fact]
    public void Encode_TraceParentAlreadyPresent_ReplacesItInPlace()
    {
        var headers = new MessageHeaders().Set("traceparent", "old").Set("eventType", "Created");

        ConsumedMessage message = RoundTrip("k", [1], headers, "new");

        Assert.Equal(["traceparent", "eventType"], message.Headers.Keys);
        Assert.Equal("new", message.Headers["traceparent"]);
    }

    [Fact]
    public void Decode_CallerChangesItsMessageAfterEncoding_DecodedCopyUnchanged()
    {
        byte[] value = [1, 2];
        var headers = new MessageHeaders { EventType = "Created" };
        byte[] buffer = new byte[InProcessRecordCodec.GetMaxLength("k", value.Length, headers, null)];
        InProcessEntry entry = InProcessRecordCodec.Encode("k", value, headers, null, s_now.UtcTicks, buffer);

        value[0] = 42;
        headers.EventType = "Changed";
        ConsumedMessage message = InProcessRecordCodec.Decode("t", 0, 0, entry, buffer);

        Assert.Equal([1, 2], message.Value.ToArray());
        Assert.Equal("Created", message.Headers[MessageHeaderNames.EventType]);
    }

    [Fact]
    public void Decode_TwoMessages_DoNotShareTheValueArray()
    {
        byte[] buffer = new byte[64];
        InProcessEntry entry = InProcessRecordCodec.Encode("k", [1, 2], [], null, s_now.UtcTicks, buffer);

        ConsumedMessage first = InProcessRecordCodec.Decode("t", 0, 0, entry, buffer);
        buffer[1] = 99;
        ConsumedMessage second = InProcessRecordCodec.Decode("t", 0, 0, entry, buffer);

        Assert.Equal([1, 2], first.Value.ToArray());
        Assert.Equal([99, 2], second.Value.ToArray());
    }

    [Property(MaxTest = 200)]
    public bool EncodeDecode_AnyMessage_RoundTrips(string? key, byte[] value, NonEmptyString[] names, string[] values)
    {
        var headers = new MessageHeaders();
        for (int i = 0; i < Math.Min(names.Length, values.Length); i++)
        {
            headers.Set(names[i].Get, values[i] ?? string.Empty);
        }

        ConsumedMessage message = RoundTrip(key, value ?? [], headers, traceParent: null);

        return message.Key == key
            && message.Value.Span.SequenceEqual(value ?? [])
            && message.Headers.SequenceEqual(headers);
    }

    private static ConsumedMessage RoundTrip(string? key, byte[] value, MessageHeaders headers, string? traceParent)
    {
        // Written at an offset into a larger buffer, as the partition's ring holds it.
        byte[] buffer = new byte[10 + InProcessRecordCodec.GetMaxLength(key, value.Length, headers, traceParent)];
        InProcessEntry entry = InProcessRecordCodec.Encode(key, value, headers, traceParent, s_now.UtcTicks, buffer.AsSpan(10));
        entry.DataStart = 10;
        Assert.True(entry.Length <= buffer.Length - 10);
        return InProcessRecordCodec.Decode("t", 2, 7, entry, buffer);
    }

    [Fact]
    public void Encode_NonAsciiKey_LengthIsItsUtf8Length()
    {
        byte[] buffer = new byte[64];

        InProcessEntry entry = InProcessRecordCodec.Encode("ключ", [], [], null, 0, buffer);

        Assert.Equal(Encoding.UTF8.GetByteCount("ключ"), entry.KeyLength);
    }
}
