namespace Tx.Messaging.Tests;

public class TopicNamesTests
{
    [Theory]
    [InlineData(TopicNames.DomainEvents, "domain-events-dlq")]
    [InlineData(TopicNames.FailedWrites, "failed-writes-dlq")]
    [InlineData(TopicNames.CompensationEvents, "compensation-events-dlq")]
    [InlineData(TopicNames.TransactionEvents, "transaction-events-dlq")]
    [InlineData(TopicNames.NotificationEvents, "notification-events-dlq")]
    [InlineData(TopicNames.AuditEvents, "audit-events-dlq")]
    public void DeadLetter_GuideTopic_AppendsDlqSuffix(string topic, string expected)
    {
        Assert.Equal(expected, TopicNames.DeadLetter(topic));
    }

    [Fact]
    public void DeadLetter_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => TopicNames.DeadLetter(string.Empty));
    }
}
