using Garnet.networking;
using StackExchange.Redis;
using Tx.Resilience.Redis.Protocol;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Embedded;

/// <summary>
/// Runs script calls on an embedded Garnet in process, with no socket: each call is encoded as the RESP command
/// (EVALSHA or EVAL) a client would send, fed to one Garnet session under a lock on the caller's thread, and its RESP
/// reply is read back into a <see cref="RedisResult"/>. Garnet runs it exactly as it runs a network client's command
/// (same Lua, same transaction mode, same server clock); NOSCRIPT and script errors surface as
/// <see cref="RedisServerException"/>, as with StackExchange.Redis. Asynchronous calls complete synchronously.
/// </summary>
internal sealed unsafe class GarnetSessionScriptExecutor : IRedisScriptExecutor, IDisposable
{
    private readonly Lock _gate = new();
    private readonly InProcessNetworkSender _sender = new();
    private readonly IMessageConsumer _session;
    private readonly RespRequest _request = new(pinned: true);
    private bool _disposed;

    public GarnetSessionScriptExecutor(GarnetHost server)
    {
        _session = server.OpenSession(_sender);
    }

    public RedisResult ScriptEvaluate(byte[] hash, RedisKey[] keys, RedisValue[] values)
    {
        lock (_gate)
        {
            _request.WriteEvalSha(hash, keys, values);
            return Run();
        }
    }

    public RedisResult ScriptEvaluate(string script, RedisKey[] keys, RedisValue[] values)
    {
        lock (_gate)
        {
            _request.WriteEval(script, keys, values);
            return Run();
        }
    }

    public Task<RedisResult> ScriptEvaluateAsync(byte[] hash, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return Task.FromResult(ScriptEvaluate(hash, keys, values));
        }
        catch (RedisException e)
        {
            return Task.FromException<RedisResult>(e);
        }
    }

    public Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return Task.FromResult(ScriptEvaluate(script, keys, values));
        }
        catch (RedisException e)
        {
            return Task.FromException<RedisResult>(e);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _session.Dispose();
            }
        }
    }

    /// <summary>Reads one RESP2/RESP3 reply; an error reply becomes a <see cref="RedisServerException"/>.</summary>
    internal static RedisResult Parse(ReadOnlySpan<byte> reply, ref int position) => RespReply.Parse(reply, ref position);

    // Runs the command written in the request buffer and reads its reply.
    private RedisResult Run()
    {
        if (_disposed)
        {
            throw new RedisConnectionException(ConnectionFailureType.ConnectionDisposed, CommandFlags.None, "The embedded Garnet server was stopped.", null, CommandStatus.Unknown);
        }

        _sender.Reply.ResetWrittenCount();
        int length = _request.Length;
        int consumed = _session.TryConsumeMessages((byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _request.Buffer[0]), length);
        if (consumed != length)
        {
            throw RespReply.ServerError($"The in-process Garnet session consumed {consumed} of {length} request bytes.");
        }

        int position = 0;
        return RespReply.Parse(_sender.Reply.WrittenSpan, ref position);
    }
}
