using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tx.Messaging.ComplianceTests;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

/// <summary>The transport contract on the in-process transport; every host of a test shares one broker.</summary>
public sealed class InProcessComplianceTests : MessagingComplianceTests
{
    private readonly InProcessBroker _broker = new(Options.Create(new InProcessOptions()));

    protected override TimeSpan WaitTimeout => TimeSpan.FromSeconds(10);

    [Fact]
    public override Task KeyedMessages_SameKey_SamePartitionAndInOrder() => base.KeyedMessages_SameKey_SamePartitionAndInOrder();

    [Fact]
    public override Task ConsumerGroups_TwoGroups_EachSeesEveryMessage() => base.ConsumerGroups_TwoGroups_EachSeesEveryMessage();

    [Fact]
    public override Task ConsumerRestart_InFlightMessage_DeliveredAgain() => base.ConsumerRestart_InFlightMessage_DeliveredAgain();

    [Fact]
    public override Task FailingHandler_RetriedThenDeadLettered_WithErrorHeaders() => base.FailingHandler_RetriedThenDeadLettered_WithErrorHeaders();

    [Fact]
    public override Task PoisonMessage_NotDeserializable_DeadLetteredWithoutRetryAndPartitionMovesOn() => base.PoisonMessage_NotDeserializable_DeadLetteredWithoutRetryAndPartitionMovesOn();

    [Fact]
    public override Task ResetOffset_StoppedGroup_ReplaysFromThatOffset() => base.ResetOffset_StoppedGroup_ReplaysFromThatOffset();

    [Fact]
    public override Task CreateTopics_WithConfigsThenAgain_ExistingTopicIsNotAnError() => base.CreateTopics_WithConfigsThenAgain_ExistingTopicIsNotAnError();

    [Fact]
    public override Task SlowHandler_ExceedsTimeBudget_CancelledRetriedDeadLetteredAndPartitionMovesOn() => base.SlowHandler_ExceedsTimeBudget_CancelledRetriedDeadLetteredAndPartitionMovesOn();

    protected override void ConfigureTransport(ITxMessagingBuilder builder) => builder.Services.AddSingleton(_broker);
}
