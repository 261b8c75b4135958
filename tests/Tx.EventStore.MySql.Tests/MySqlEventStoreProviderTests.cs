using System.Text;
using MySqlConnector;
using Tx.EventStore.Appending;
using Tx.EventStore.MySql.Tests.Compliance;
using Tx.EventStore.Providers;
using Tx.EventStore.Reading;
using Tx.EventStore.Streams;

namespace Tx.EventStore.MySql.Tests;

[Collection(HeldWriterCollection.Name)]
public sealed class MySqlEventStoreProviderTests(MySqlProviderFixture fixture) : IClassFixture<MySqlProviderFixture>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MigrateAsync_RepeatedAndConcurrentFromTwoInstances_CreatesThePrefixedTablesOnce()
    {
        // Arrange
        string prefix = "m" + Guid.NewGuid().ToString("N")[..10];
        await using var first = CreateProvider(prefix);
        await using var second = CreateProvider(prefix);

        // Act
        await Task.WhenAll(first.MigrateAsync().AsTask(), second.MigrateAsync().AsTask(), first.MigrateAsync().AsTask());
        await second.MigrateAsync();
        var result = await first.AppendAsync("s-1", ExpectedVersion.NoStream, [Event()]);

        // Assert
        string tables = await ScalarAsync<string>(
            "SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables WHERE table_schema = @db AND table_name LIKE @p",
            ("@db", fixture.Database),
            ("@p", prefix + "\\_%"));
        Assert.Equal($"{prefix}_checkpoints,{prefix}_events,{prefix}_position,{prefix}_snapshots,{prefix}_streams", tables);
        Assert.Equal(1, result.Position);
    }

    [Fact]
    public async Task AppendAsync_ExactVersionOnMissingStream_ThrowsAndLeavesNoStreamRow()
    {
        // Arrange: the one-round-trip append creates the stream row before it checks the version.
        string prefix = "x" + Guid.NewGuid().ToString("N")[..10];
        await using var provider = CreateProvider(prefix);

        // Act
        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await provider.AppendAsync("s-1", ExpectedVersion.Exact(3), [Event()]));
        var next = await provider.AppendAsync("s-2", ExpectedVersion.NoStream, [Event()]);

        // Assert
        Assert.Equal(0, error.ActualVersion);
        Assert.Equal(0, await ScalarAsync<long>($"SELECT COUNT(*) FROM `{prefix}_streams` WHERE stream_id = 's-1'"));
        Assert.Equal(0, await ScalarAsync<long>($"SELECT COUNT(*) FROM `{prefix}_events` WHERE stream_id = 's-1'"));
        Assert.Equal(1, next.Position);
    }

    [Fact]
    public async Task ReadAllAsync_WriterHoldsItsTransactionOpenOnItsConnection_OtherWriterWaitsAndReaderSeesNeitherUntilCommit()
    {
        // Arrange: three provider instances = three connection pools, like three processes.
        string prefix = "h" + Guid.NewGuid().ToString("N")[..10];
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slowWriter = CreateProvider(prefix);
        await using var fastWriter = CreateProvider(prefix);
        await using var reader = CreateProvider(prefix);
        await reader.AppendAsync("before", ExpectedVersion.NoStream, [Event(), Event()]);
        await slowWriter.MigrateAsync();
        await fastWriter.MigrateAsync();
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
            await WaitForLockWaitAsync(fast, prefix);
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
        Assert.Equal(2, headWhileHeld);
        Assert.Equal(["slow", "slow", "fast"], continued.Select(e => e.StreamId));
        Assert.Equal([3L, 4L, 5L], continued.Select(e => e.Position));
    }

    private MySqlEventStoreProvider CreateProvider(string prefix) =>
        new(new MySqlEventStoreOptions { ConnectionString = fixture.ConnectionString, TablePrefix = prefix });

    // The second writer is blocked once the server is executing its position-row UPDATE: the first writer holds that
    // row until COMMIT, so the statement cannot finish before then. InnoDB usually also reports the transaction in
    // LOCK WAIT, but not always in time (a CI run showed the UPDATE waiting for 30 s with no LOCK WAIT row), so the
    // statement itself is the signal. A metadata lock shows as a processlist state instead. It must not have finished.
    private async Task WaitForLockWaitAsync(Task fast, string prefix)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        const string Waiting = """
            SELECT (SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
                    WHERE t.trx_state = 'LOCK WAIT' AND p.db = @db)
                 + (SELECT COUNT(*) FROM information_schema.processlist
                    WHERE db = @db AND id <> CONNECTION_ID() AND command = 'Query' AND (state LIKE '%lock%' OR info LIKE @update))
            """;
        string update = $"UPDATE `{prefix}\\_position`%";
        while (await ScalarAsync<long>(Waiting, ("@db", fixture.Database), ("@update", update)) == 0)
        {
            if (fast.IsCompleted)
            {
                await fast;
                Assert.Fail("The second writer committed while the first still held the position row.");
            }

            Assert.True(DateTime.UtcNow < deadline, "The second writer never waited for the position row: " + await ProcessListAsync());
            await Task.Delay(10);
        }
    }

    private async Task<string> ProcessListAsync()
    {
        await using var connection = new MySqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT id, command, state, info FROM information_schema.processlist WHERE db = @db", connection);
        command.Parameters.AddWithValue("@db", fixture.Database);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new StringBuilder();
        while (await reader.ReadAsync())
        {
            rows.Append('[').Append(reader.GetValue(0)).Append(' ').Append(reader.GetValue(1)).Append(' ')
                .Append(reader.GetValue(2)).Append(' ').Append(reader.GetValue(3)).Append("] ");
        }

        return rows.ToString();
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new MySqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static UncommittedEvent Event() =>
        new(Guid.NewGuid(), "AccountDebited", 1, Encoding.UTF8.GetBytes("""{"amount":1}"""), EventMetadata.Empty, new DateTimeOffset(2025, 11, 14, 10, 0, 0, TimeSpan.Zero));
}
