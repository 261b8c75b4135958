using Microsoft.Extensions.Options;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Writing;

namespace Tx.MultiWrite.Tests.Writing;

public sealed class RecordValidatorTests
{
    private static RecordValidator Create(Action<MultiWriteOptions>? configure = null)
    {
        var options = new MultiWriteOptions();
        configure?.Invoke(options);
        return new RecordValidator(Options.Create(options));
    }

    [Fact]
    public void Validate_ValidRecord_SerializesHashesAndPicksThePolicy()
    {
        RecordValidator validator = Create(o => o.RecordTypes["payments"] = new RecordTypeOptions { Policy = ConsistencyPolicy.AllOrNothing });

        ValidatedRecord valid = validator.Validate(new MultiWriteRecord("payments", "p-1", new { Amount = 5, Currency = "EUR" }));

        Assert.Equal("""{"amount":5,"currency":"EUR"}""", valid.PayloadJson);
        Assert.Equal(64, valid.PayloadHash.Length);
        Assert.Equal(ConsistencyPolicy.AllOrNothing, valid.Policy);
    }

    [Fact]
    public void Validate_CyclicPayload_NotSerializable()
    {
        var node = new Node();
        node.Next = node;

        var error = Assert.Throws<RecordValidationException>(() => Create().Validate(new MultiWriteRecord("t", "k", node)));

        Assert.Contains("cannot be serialized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DelegatePayload_NotSerializable()
    {
        Assert.Throws<RecordValidationException>(() => Create().Validate(new MultiWriteRecord("t", "k", new { Callback = (Func<int>)(() => 1) })));
    }

    [Fact]
    public void Validate_OversizedPayload_Rejected()
    {
        var error = Assert.Throws<RecordValidationException>(() => Create(o => o.MaxPayloadBytes = 100).Validate(new MultiWriteRecord("t", "k", new { Blob = new string('x', 200) })));

        Assert.Contains("limit is 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NotAnObject_Rejected()
    {
        Assert.Throws<RecordValidationException>(() => Create().Validate(new MultiWriteRecord("t", "k", 42)));
    }

    [Fact]
    public void Validate_MissingRequiredFields_ListsThem()
    {
        RecordValidator validator = Create(o =>
        {
            var type = new RecordTypeOptions();
            type.RequiredFields.Add("accountId");
            type.RequiredFields.Add("amount");
            type.RequiredFields.Add("currency");
            o.RecordTypes["payments"] = type;
        });

        var error = Assert.Throws<RecordValidationException>(() => validator.Validate(new MultiWriteRecord("payments", "p", new { Amount = 5, Currency = " " })));

        Assert.Contains("accountId, currency", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyWriteId_Rejected()
    {
        Assert.Throws<RecordValidationException>(() => Create().Validate(new MultiWriteRecord("t", "k", new { a = 1 }) { WriteId = Guid.Empty }));
    }

    [Fact]
    public void Validate_KeyTooLong_Rejected()
    {
        Assert.Throws<RecordValidationException>(() => Create(o => o.MaxKeyLength = 3).Validate(new MultiWriteRecord("t", "abcd", new { a = 1 })));
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}
