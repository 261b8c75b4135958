using System.Text;
using Confluent.Kafka;

namespace Tx.Messaging.Kafka.Tests;

public class KafkaHeadersTests
{
    [Fact]
    public void ToKafkaThenFromKafka_Headers_RoundTripAsUtf8()
    {
        var headers = new MessageHeaders { EventType = "TransactionCompleted", AggregateId = "txn_é" };

        Headers kafka = KafkaHeaders.ToKafka(headers, traceParent: null)!;
        IReadOnlyDictionary<string, string> back = KafkaHeaders.FromKafka(kafka);

        Assert.Equal(Encoding.UTF8.GetBytes("txn_é"), kafka.GetLastBytes("aggregateId"));
        Assert.Equal("TransactionCompleted", back["eventType"]);
        Assert.Equal("txn_é", back["aggregateId"]);
    }

    [Fact]
    public void ToKafka_NoHeadersNoTrace_ReturnsNull()
    {
        Assert.Null(KafkaHeaders.ToKafka([], traceParent: null));
    }

    [Fact]
    public void ToArray_WholeArray_NotCopied()
    {
        byte[] value = [1, 2, 3];

        Assert.Same(value, KafkaHeaders.ToArray(value));
        Assert.Equal(new byte[] { 2, 3 }, KafkaHeaders.ToArray(value.AsMemory(1)));
    }
}
