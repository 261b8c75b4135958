using System.Security.Cryptography;
using System.Text;
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
/// When the server has the native packed log (<see cref="PackedLogProcedure"/>), a call of
/// <see cref="RedisRateLimitScripts.PackedLog"/> — by SHA-1 or by text — is sent as that procedure's command instead,
/// with the same keys and arguments and the same reply; every other script still runs in Lua.
/// </summary>
internal sealed unsafe class GarnetSessionScriptExecutor : IRedisScriptExecutor, IDisposable
{
    private static readonly byte[] NativePackedLogCommand = Encoding.ASCII.GetBytes(PackedLogProcedure.Name);
#pragma warning disable CA5350 // SHA-1 is what EVALSHA addresses scripts by; it is not used for security.
    private static readonly byte[] PackedLogSha1 = SHA1.HashData(Encoding.UTF8.GetBytes(RedisRateLimitScripts.PackedLog));
#pragma warning restore CA5350

    private readonly Lock _gate = new();
    private readonly InProcessNetworkSender _sender = new();
    private readonly IMessageConsumer _session;
    private readonly bool _native;
    private readonly RespRequest _request = new(pinned: true);
    private bool _disposed;

    /// <summary>Opens a session on <paramref name="server"/>.</summary>
    /// <param name="server">The server whose session runs the calls.</param>
    /// <param name="nativePackedLog">Whether <see cref="PackedLogProcedure"/> is registered on it and replaces the packed-log script.</param>
    public GarnetSessionScriptExecutor(GarnetHost server, bool nativePackedLog)
    {
        _session = server.OpenSession(_sender);
        _native = nativePackedLog;
    }

    /// <summary>Gets a value indicating whether calls of the packed-log script run as the native procedure.</summary>
    public bool NativePackedLog => _native;

    public RedisResult ScriptEvaluate(byte[] hash, RedisKey[] keys, RedisValue[] values)
    {
        lock (_gate)
        {
            if (_native && hash.AsSpan().SequenceEqual(PackedLogSha1))
            {
                _request.WriteProcedure(NativePackedLogCommand, keys, values);
            }
            else
            {
                _request.WriteEvalSha(hash, keys, values);
            }

            return Run();
        }
    }

    public RedisResult ScriptEvaluate(string script, RedisKey[] keys, RedisValue[] values)
    {
        lock (_gate)
        {
            if (_native && string.Equals(script, RedisRateLimitScripts.PackedLog, StringComparison.Ordinal))
            {
                _request.WriteProcedure(NativePackedLogCommand, keys, values);
            }
            else
            {
                _request.WriteEval(script, keys, values);
            }

            return Run();
        }
    }

    public Task<RedisResult> ScriptEvaluateAsync(byte[] hash, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default)
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

    public Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default)
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

    // Runs the command written in _request on the session and reads its reply.
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
