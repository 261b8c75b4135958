using Tx.Messaging.ComplianceTests;
using Tx.TestUtilities;

namespace Tx.Messaging.Kafka.Tests;

/// <summary>The transport contract on a real Kafka broker; runs only when TX_KAFKA_BOOTSTRAP names one.</summary>
[Trait("Category", "Integration")]
public sealed class KafkaComplianceTests : MessagingComplianceTests
{
    private const string Variable = "TX_KAFKA_BOOTSTRAP";
    private const string Server = "Kafka";

    protected override TimeSpan WaitTimeout => TimeSpan.FromSeconds(90);

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task KeyedMessages_SameKey_SamePartitionAndInOrder() => base.KeyedMessages_SameKey_SamePartitionAndInOrder();

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task ConsumerGroups_TwoGroups_EachSeesEveryMessage() => base.ConsumerGroups_TwoGroups_EachSeesEveryMessage();

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task ConsumerRestart_InFlightMessage_DeliveredAgain() => base.ConsumerRestart_InFlightMessage_DeliveredAgain();

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task FailingHandler_RetriedThenDeadLettered_WithErrorHeaders() => base.FailingHandler_RetriedThenDeadLettered_WithErrorHeaders();

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task PoisonMessage_NotDeserializable_DeadLetteredWithoutRetryAndPartitionMovesOn() => base.PoisonMessage_NotDeserializable_DeadLetteredWithoutRetryAndPartitionMovesOn();

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task ResetOffset_StoppedGroup_ReplaysFromThatOffset() => base.ResetOffset_StoppedGroup_ReplaysFromThatOffset();

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task CreateTopics_WithConfigsThenAgain_ExistingTopicIsNotAnError() => base.CreateTopics_WithConfigsThenAgain_ExistingTopicIsNotAnError();

    [RequiresEnvironmentFact(Variable, Server)]
    public override Task SlowHandler_ExceedsTimeBudget_CancelledRetriedDeadLetteredAndPartitionMovesOn() => base.SlowHandler_ExceedsTimeBudget_CancelledRetriedDeadLetteredAndPartitionMovesOn();

    protected override void ConfigureTransport(ITxMessagingBuilder builder) => builder.UseKafka(options =>
    {
        options.BootstrapServers = TestEnvironment.Kafka!;
        options.MessageTimeout = TimeSpan.FromSeconds(20);
        options.AutoCommitInterval = TimeSpan.FromMilliseconds(200);
        options.SessionTimeout = TimeSpan.FromSeconds(10);
    });
}
