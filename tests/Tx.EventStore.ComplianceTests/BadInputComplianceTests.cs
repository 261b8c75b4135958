using Tx.EventStore.Appending;
using Tx.EventStore.ComplianceTests.Events;
using Tx.EventStore.ComplianceTests.Gating;
using Tx.EventStore.Serialization;
using Tx.EventStore.Streams;

namespace Tx.EventStore.ComplianceTests;

/// <summary>Bad input is refused with a clear error and nothing is written; unreadable events name stream, version and type.</summary>
public abstract class BadInputComplianceTests(EventStoreProviderFixture fixture) : EventStoreComplianceTests(fixture)
{
    private sealed record Unregistered(int X);

    [ComplianceTheory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Append_EmptyStreamId_ThrowsArgumentExceptionAndWritesNothing(string streamId)
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => t.Store.AppendAsync(streamId, ExpectedVersion.Any, Events("x", 1)).AsTask());

        Assert.Empty(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Append_NullOrTooLongStreamId_Throws()
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentNullException>(() => t.Store.AppendAsync(null!, ExpectedVersion.Any, Events("x", 1)).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.AppendAsync(new string('s', EventStoreLimits.MaxStreamIdLength + 1), ExpectedVersion.Any, Events("x", 1)).AsTask());
        await t.Store.AppendAsync(new string('s', EventStoreLimits.MaxStreamIdLength), ExpectedVersion.Any, Events("x", 1));

        Assert.Single(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Append_OversizedEventInABatch_ThrowsEventTooLargeAndWritesNoneOfTheBatch()
    {
        await using var t = await CreateStoreAsync(o => o.MaxEventSize = 200);
        var batch = new[]
        {
            new EventData(TestEventTypes.Created("txn_big")),
            new EventData(new AccountDebited("txn_big", new string('a', 500), 1m)),
        };

        var ex = await Assert.ThrowsAsync<EventTooLargeException>(() => t.Store.AppendAsync("txn_big", ExpectedVersion.Any, batch).AsTask());

        Assert.Equal("txn_big", ex.StreamId);
        Assert.Equal("AccountDebited", ex.EventType);
        Assert.Equal(200, ex.MaxSize);
        Assert.True(ex.Size > 500);
        Assert.Empty(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Append_UnregisteredType_ThrowsUnknownEventTypeAndWritesNothing()
    {
        await using var t = await CreateStoreAsync();
        var batch = new[] { new EventData(TestEventTypes.Created("txn_u")), new EventData(new Unregistered(1)) };

        var ex = await Assert.ThrowsAsync<UnknownEventTypeException>(() => t.Store.AppendAsync("txn_u", ExpectedVersion.Any, batch).AsTask());

        Assert.Equal(typeof(Unregistered), ex.ClrType);
        Assert.Contains("txn_u", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Append_EmptyBatchOrRepeatedIds_ThrowsArgumentException()
    {
        await using var t = await CreateStoreAsync();
        var one = Events("x", 1)[0];

        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.AppendAsync("s", ExpectedVersion.Any, []).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.AppendAsync("s", ExpectedVersion.Any, [one, one]).AsTask());

        Assert.Empty(await ReadAllAsync(t.Store));
    }

    [ComplianceFact]
    public async Task Read_StoredTypeUnknownToTheReader_ThrowsNamingStreamVersionAndType()
    {
        var storage = new ProviderTestOptions();
        await using (var writer = await CreateStoreAsync(o => o.Types.Add<Unregistered>("LegacyEvent"), storage))
        {
            await writer.Store.AppendAsync("txn_l", ExpectedVersion.NoStream, [new EventData(TestEventTypes.Created("txn_l")), new EventData(new Unregistered(7))]);
        }

        await using var reader = await CreateStoreAsync(providerOptions: new ProviderTestOptions { StoreName = storage.StoreName });

        var ex = await Assert.ThrowsAsync<EventDeserializationException>(() => ReadStreamAsync(reader.Store, "txn_l"));
        Assert.Equal("txn_l", ex.StreamId);
        Assert.Equal(2, ex.StreamVersion);
        Assert.Equal("LegacyEvent", ex.EventType);
        Assert.Contains("txn_l", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LegacyEvent", ex.Message, StringComparison.Ordinal);
        Assert.Contains(" 2 ", ex.Message, StringComparison.Ordinal);
    }

    [ComplianceFact]
    public async Task Read_OlderSchemaVersion_IsUpcastToTheCurrentOne()
    {
        var storage = new ProviderTestOptions();
        await using (var v1 = await CreateStoreAsync(o => o.Types.Add<Unregistered>("Sized", 1), storage))
        {
            await v1.Store.AppendAsync("u", ExpectedVersion.NoStream, [new EventData(new Unregistered(21))]);
        }

        await using var v2 = await CreateStoreAsync(
            o => o.Types.Add<Unregistered>("Sized", 2).AddUpcaster("Sized", 1, json =>
            {
                json["x"] = json["x"]!.GetValue<int>() * 2;
                return json;
            }),
            new ProviderTestOptions { StoreName = storage.StoreName });

        var read = await ReadStreamAsync(v2.Store, "u");

        Assert.Equal(new Unregistered(42), read[0].Data);
        Assert.Equal(1, read[0].Record.SchemaVersion);
    }

    [ComplianceFact]
    public async Task Read_OlderSchemaVersionWithoutUpcaster_ThrowsNamingTheGap()
    {
        var storage = new ProviderTestOptions();
        await using (var v1 = await CreateStoreAsync(o => o.Types.Add<Unregistered>("Sized", 1), storage))
        {
            await v1.Store.AppendAsync("u", ExpectedVersion.NoStream, [new EventData(new Unregistered(21))]);
        }

        await using var v3 = await CreateStoreAsync(o => o.Types.Add<Unregistered>("Sized", 3).AddUpcaster("Sized", 1, j => j), new ProviderTestOptions { StoreName = storage.StoreName });

        var ex = await Assert.ThrowsAsync<EventDeserializationException>(() => ReadStreamAsync(v3.Store, "u"));
        Assert.Contains("schema version 2 to 3", ex.Message, StringComparison.Ordinal);
    }
}
