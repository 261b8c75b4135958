using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Tx.EventStore.Appending;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.PostgreSql.Tests;

public sealed class PostgreSqlEventStoreProviderTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private readonly PostgreSqlTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task MigrateAsync_RepeatedAndConcurrentFromTwoInstances_CreatesTheTablesOnce()
    {
        // Arrange
        string schema = _database.NewSchema();
        await using var first = _database.CreateProvider(schema);
        await using var second = _database.CreateProvider(schema);

        // Act
        await Task.WhenAll(
            first.MigrateAsync().AsTask(),
            second.MigrateAsync().AsTask(),
            first.MigrateAsync().AsTask(),
            second.MigrateAsync().AsTask());
        await first.MigrateAsync();
        var result = await second.AppendAsync("s-1", ExpectedVersion.NoStream, [Event()]);

        // Assert
        long tables = await PostgreSqlTestDatabase.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", schema);
        Assert.Equal(4, tables);
        Assert.Equal(1, result.StreamVersion);
    }

    [Fact]
    public async Task MigrateAsync_ConfiguredSchema_CreatesEveryTableThere()
    {
        // Arrange
        string schema = _database.NewSchema();
        await using var provider = _database.CreateProvider(schema);

        // Act
        await provider.MigrateAsync();

        // Assert
        string names = await PostgreSqlTestDatabase.ScalarAsync<string>(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = $1", schema);
        Assert.Equal("checkpoints,events,snapshots,streams", names);
    }

    [Fact]
    public async Task AppendAsync_AutoCreateSchemaDisabledAndNotMigrated_ThrowsAndCreatesNothing()
    {
        // Arrange
        string schema = _database.NewSchema();
        await using var provider = _database.CreateProvider(schema, o => o.AutoCreateSchema = false);

        // Act
        var error = await Assert.ThrowsAsync<PostgresException>(async () => await provider.AppendAsync("s-1", ExpectedVersion.Any, [Event()]));

        // Assert
        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        long schemas = await PostgreSqlTestDatabase.ScalarAsync<long>("SELECT count(*) FROM information_schema.schemata WHERE schema_name = $1", schema);
        Assert.Equal(0, schemas);
    }

    [Fact]
    public async Task AppendAsync_JsonbPayload_StoresJsonbAndReadsTheSameDocument()
    {
        // Arrange
        string schema = _database.NewSchema();
        await using var provider = _database.CreateProvider(schema, o => o.PayloadType = PostgreSqlPayloadType.Jsonb);
        const string Json = """{"amount":12.5,"account":"acc_1","tags":["a","b"]}""";

        // Act
        await provider.AppendAsync("s-1", ExpectedVersion.NoStream, [Event(Json)]);
        var read = await ToListAsync(provider.ReadStreamAsync("s-1", 1, ReadDirection.Forwards, int.MaxValue));

        // Assert
        string type = await PostgreSqlTestDatabase.ScalarAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' AND column_name = 'data'", schema);
        Assert.Equal("jsonb", type);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json), JsonNode.Parse(Encoding.UTF8.GetString(read.Single().Data.Span))));
    }

    [Fact]
    public async Task ReadAllAsync_WriterHoldsItsTransactionOpenOnItsConnection_OtherWriterWaitsAndReaderSeesNeitherUntilCommit()
    {
        // Arrange: three provider instances = three connection pools, like three processes.
        string schema = _database.NewSchema();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slowWriter = _database.CreateProvider(schema);
        await using var fastWriter = _database.CreateProvider(schema);
        await using var reader = _database.CreateProvider(schema);
        await reader.AppendAsync("before", ExpectedVersion.NoStream, [Event(), Event()]);
        slowWriter.BeforeCommit = async ct =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(ct);
        };

        // Act
        var slow = slowWriter.AppendAsync("slow", ExpectedVersion.NoStream, [Event(), Event()]).AsTask();
        IReadOnlyList<RecordedEvent> whileHeld;
        long headWhileHeld;
        Task<AppendResult> fast;
        try
        {
            await entered.Task.WaitAsync(WaitLimit);
            fast = fastWriter.AppendAsync("fast", ExpectedVersion.NoStream, [Event()]).AsTask();
            await WaitForWriteLockWaiterAsync(fastWriter.Statements.WriteLockKey, fast);
            whileHeld = await reader.ReadAllAsync(0, 100);
            headWhileHeld = await reader.GetHeadPositionAsync();
        }
        finally
        {
            // Released on every path: a failed assertion must not leave the slow writer's transaction open.
            release.TrySetResult();
        }

        await Task.WhenAll(slow, fast).WaitAsync(WaitLimit);
        var continued = await reader.ReadAllAsync(whileHeld[^1].Position, 100);

        // Assert
        Assert.Equal(["before", "before"], whileHeld.Select(e => e.StreamId));
        Assert.Equal(whileHeld[^1].Position, headWhileHeld);
        Assert.Equal(["slow", "slow", "fast"], continued.Select(e => e.StreamId));
        Assert.True((await slow).Position < (await fast).Position);
    }

    private static async Task WaitForWriteLockWaiterAsync(long key, Task fast)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        const string Waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = $1";
        while (await PostgreSqlTestDatabase.ScalarAsync<long>(Waiting, key) == 0)
        {
            if (fast.IsCompleted)
            {
                await fast;
                Assert.Fail("The second writer committed while the first still held the write lock.");
            }

            Assert.True(DateTime.UtcNow < deadline, "The second writer never waited for the write lock.");
            await Task.Delay(10);
        }
    }

    private static UncommittedEvent Event(string json = """{"amount":1}""") =>
        new(Guid.NewGuid(), "AccountDebited", 1, Encoding.UTF8.GetBytes(json), EventMetadata.Empty, new DateTimeOffset(2025, 11, 14, 10, 0, 0, TimeSpan.Zero));

    private static async Task<List<RecordedEvent>> ToListAsync(IAsyncEnumerable<RecordedEvent> source)
    {
        var list = new List<RecordedEvent>();
        await foreach (var e in source)
        {
            list.Add(e);
        }

        return list;
    }
}
