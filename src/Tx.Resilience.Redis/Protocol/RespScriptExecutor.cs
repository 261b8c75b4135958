using StackExchange.Redis;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Protocol;

/// <summary>
/// Runs script calls over sockets of its own to one standalone server (the direct transport), with no thread hops
/// when uncontended: a lone call (the only one of this executor in flight) takes an idle blocking connection, writes
/// EVALSHA and reads its reply on the caller's thread, and returns a completed task. A call that finds another one in
/// flight — and every batch of queued decisions — goes through the shared multiplexed client when there is one (it
/// pipelines concurrent calls on one socket), else awaits an asynchronous connection of this executor; so at most one
/// thread is ever blocked per executor on behalf of asynchronous callers. When the server is an embedded Garnet of
/// this process, a lone call awaits an asynchronous connection (its network work needs this process's pool).
/// Synchronous calls follow the same rule: a lone one blocks on the executor's socket (not when the server is an
/// embedded Garnet of this process), others go through the shared client; both block the caller, as
/// StackExchange.Redis's synchronous calls do. Connections open on demand, so the executor reconnects by itself when
/// the server returns; a connection that failed or timed out is closed.
/// </summary>
internal sealed class RespScriptExecutor : IRedisScriptExecutor, IDisposable
{
    private const int MaxIdlePerKind = 16;

    // A connection idle for longer than this is checked (one poll) before it is reused.
    private static readonly TimeSpan IdleCheckAfter = TimeSpan.FromSeconds(1);

    // For this long after a call met another in flight (or a batch was sent), a lone call does not block either: under
    // load a blocked pool thread costs the other callers more than the hop it saves (measured: 16 callers, 10,000 keys).
    private static readonly TimeSpan ContentionWindow = TimeSpan.FromMilliseconds(1);

    private readonly RespServerAddress _address;
    private readonly TimeSpan _asyncTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly IRedisScriptExecutor? _shared;
    private readonly Lock _gate = new();
    private readonly Stack<RespConnection> _idleBlocking = new();
    private readonly Stack<RespConnection> _idleAsync = new();
    private int _inFlight;
    private long _lastContended; // a timestamp of _timeProvider; 0 = never
    private bool _disposed;

    /// <param name="address">The server, credentials, database, connect and synchronous timeouts.</param>
    /// <param name="asyncTimeout">How long an asynchronous call waits for its reply.</param>
    /// <param name="timeProvider">The clock of the asynchronous timeouts.</param>
    /// <param name="shared">Runs the calls made under concurrency (batches, and calls that find another in flight):
    /// a multiplexed client pipelines them on one socket; <see langword="null"/> to await sockets of this executor.</param>
    public RespScriptExecutor(RespServerAddress address, TimeSpan asyncTimeout, TimeProvider timeProvider, IRedisScriptExecutor? shared = null)
    {
        _address = address;
        _asyncTimeout = asyncTimeout;
        _timeProvider = timeProvider;
        _shared = shared;
    }

    public RedisResult ScriptEvaluate(byte[] hash, RedisKey[] keys, RedisValue[] values) => Evaluate(hash, null, keys, values);

    public RedisResult ScriptEvaluate(string script, RedisKey[] keys, RedisValue[] values) => Evaluate(null, script, keys, values);

    /// <remarks>A lone call blocks the caller until its reply or <paramref name="cancellationToken"/>, which closes
    /// the socket (the server may still have run the script).</remarks>
    public Task<RedisResult> ScriptEvaluateAsync(byte[] hash, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default) =>
        EvaluateAsync(hash, null, keys, values, cancellationToken);

    /// <inheritdoc cref="ScriptEvaluateAsync(byte[], RedisKey[], RedisValue[], CancellationToken)"/>
    public Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default) =>
        EvaluateAsync(null, script, keys, values, cancellationToken);

    /// <summary>A batch's call never blocks the pump's thread: the shared client, or an asynchronous connection.</summary>
    public Task<RedisResult> ScriptEvaluateBatchAsync(byte[] hash, RedisKey[] keys, RedisValue[] values)
    {
        MarkContended();
        if (_shared is not null)
        {
            return _shared.ScriptEvaluateAsync(hash, keys, values);
        }

        Interlocked.Increment(ref _inFlight);
        return EvaluateContendedAsync(hash, null, keys, values);
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        DropIdle();
    }

    // A lone synchronous call blocks on this executor's own socket; one that finds another call in flight goes through
    // the shared client (it pipelines them on one socket), so this executor holds one blocking socket, not one per caller.
    private RedisResult Evaluate(byte[]? hash, string? script, RedisKey[] keys, RedisValue[] values)
    {
        if ((!TryEnterAlone() || _address.ServerInProcess) && _shared is not null)
        {
            Interlocked.Decrement(ref _inFlight);
            return hash is not null ? _shared.ScriptEvaluate(hash, keys, values) : _shared.ScriptEvaluate(script!, keys, values);
        }

        try
        {
            RespConnection connection = RentBlocking(_address.SyncTimeout);
            Write(connection, hash, script, keys, values);
            return RoundTrip(connection, _address.SyncTimeout, default);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task<RedisResult> EvaluateAsync(byte[]? hash, string? script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        // Block only when no other call is in flight and the server's own network work does not need this process's pool.
        if (!TryEnterAlone())
        {
            if (_shared is not null)
            {
                Interlocked.Decrement(ref _inFlight);
                return hash is not null ? _shared.ScriptEvaluateAsync(hash, keys, values) : _shared.ScriptEvaluateAsync(script!, keys, values);
            }

            return EvaluateContendedAsync(hash, script, keys, values);
        }

        if (_address.ServerInProcess)
        {
            return EvaluateContendedAsync(hash, script, keys, values);
        }

        // Alone: the caller's own thread writes and reads; the task is complete when it is returned.
        try
        {
            RespConnection connection = RentBlocking(_asyncTimeout);
            Write(connection, hash, script, keys, values);
            return Task.FromResult(RoundTrip(connection, _asyncTimeout, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<RedisResult>(cancellationToken);
        }
#pragma warning disable CA1031 // Every failure is the task's, as with an asynchronous client.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException<RedisResult>(e);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<RedisResult> EvaluateContendedAsync(byte[]? hash, string? script, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            RespConnection? connection = Rent(_idleAsync) ?? await RespConnection.OpenAsync(_address, _timeProvider).ConfigureAwait(false);
            Write(connection, hash, script, keys, values);
            try
            {
                RedisResult result = await connection.RoundTripAsync(_asyncTimeout, _timeProvider).ConfigureAwait(false);
                Return(connection);
                return result;
            }
            catch (RedisServerException)
            {
                Return(connection);
                throw;
            }
            catch (Exception e)
            {
                connection.Dispose();
                DropIdle();
                throw RespConnection.Failure(e, _address.EndPoint);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    // Counts the call in flight; true when it is alone and no contention was seen within the window. A call that
    // meets another marks the contention, so the lone calls that follow go through the shared client for a while.
    private bool TryEnterAlone()
    {
        if (Interlocked.Increment(ref _inFlight) != 1)
        {
            MarkContended();
            return false;
        }

        long lastContended = Volatile.Read(ref _lastContended);
        return _shared is null || lastContended == 0 || _timeProvider.GetElapsedTime(lastContended) >= ContentionWindow;
    }

    private void MarkContended() => Volatile.Write(ref _lastContended, _timeProvider.GetTimestamp());

    private static void Write(RespConnection connection, byte[]? hash, string? script, RedisKey[] keys, RedisValue[] values)
    {
        if (hash is not null)
        {
            connection.Request.WriteEvalSha(hash, keys, values);
        }
        else
        {
            connection.Request.WriteEval(script!, keys, values);
        }
    }

    // Cancellation closes the socket, which ends the blocked receive; a connection whose cancellation callback ran (or
    // is running) is never handed to the next caller.
    private RedisResult RoundTrip(RespConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        CancellationTokenRegistration abort = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static c => ((RespConnection)c!).Dispose(), connection)
            : default;
        bool intact() => !cancellationToken.CanBeCanceled || abort.Unregister();
        try
        {
            RedisResult result = connection.RoundTrip(timeout);
            ReturnIf(intact(), connection);
            return result;
        }
        catch (RedisServerException)
        {
            // An error reply (NOSCRIPT, a script error): the connection read it whole and stays usable.
            ReturnIf(intact(), connection);
            throw;
        }
        catch (Exception e)
        {
            abort.Dispose();
            connection.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            DropIdle();
            throw RespConnection.Failure(e, _address.EndPoint);
        }
    }

    private void ReturnIf(bool intact, RespConnection connection)
    {
        if (intact)
        {
            Return(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    // After a connection failed, the idle ones most likely lost the same server (restart, failover): the next calls
    // open fresh sockets rather than each finding out on a stale one.
    private void DropIdle()
    {
        lock (_gate)
        {
            while (_idleBlocking.TryPop(out RespConnection? connection))
            {
                connection.Dispose();
            }

            while (_idleAsync.TryPop(out RespConnection? connection))
            {
                connection.Dispose();
            }
        }
    }

    // An idle connection is reused unless it has sat unused for a while and looks closed by the server (idle timeout,
    // proxy, NAT); a new one is opened within the call's own timeout, so a lone call never blocks longer than that.
    private RespConnection RentBlocking(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        while (Rent(_idleBlocking) is { } idle)
        {
            if (_timeProvider.GetElapsedTime(idle.LastUsed) < IdleCheckAfter || !idle.LooksClosed())
            {
                return idle;
            }

            idle.Dispose();
        }

        return RespConnection.Open(_address, timeout < _address.ConnectTimeout ? timeout : _address.ConnectTimeout);
    }

    private RespConnection? Rent(Stack<RespConnection> idle)
    {
        lock (_gate)
        {
            return idle.TryPop(out RespConnection? connection) ? connection : null;
        }
    }

    private void Return(RespConnection connection)
    {
        connection.LastUsed = _timeProvider.GetTimestamp();
        Stack<RespConnection> idle = connection.IsBlocking ? _idleBlocking : _idleAsync;
        lock (_gate)
        {
            if (!_disposed && idle.Count < MaxIdlePerKind)
            {
                idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }
}
