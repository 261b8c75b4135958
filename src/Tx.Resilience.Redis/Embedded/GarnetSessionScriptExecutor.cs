using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Garnet.networking;
using StackExchange.Redis;
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
    private static readonly byte[] EvalSha = "EVALSHA"u8.ToArray();
    private static readonly byte[] Eval = "EVAL"u8.ToArray();
    private static readonly byte[] NativePackedLogCommand = Encoding.ASCII.GetBytes(PackedLogProcedure.Name);
#pragma warning disable CA5350 // SHA-1 is what EVALSHA addresses scripts by; it is not used for security.
    private static readonly byte[] PackedLogSha1 = SHA1.HashData(Encoding.UTF8.GetBytes(RedisRateLimitScripts.PackedLog));
#pragma warning restore CA5350

    private readonly Lock _gate = new();
    private readonly InProcessNetworkSender _sender = new();
    private readonly IMessageConsumer _session;
    private readonly bool _native;
    private byte[] _request = GC.AllocateArray<byte>(4096, pinned: true);
    private int _length;
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
            _length = 0;
            if (_native && hash.AsSpan().SequenceEqual(PackedLogSha1))
            {
                return RunNative(keys, values);
            }

            WriteHeader(EvalSha, keys.Length, values.Length);
            Span<byte> hex = stackalloc byte[hash.Length * 2];
            Convert.TryToHexStringLower(hash, hex, out int written);
            WriteBulk(hex[..written]);
            return Run(keys, values);
        }
    }

    public RedisResult ScriptEvaluate(string script, RedisKey[] keys, RedisValue[] values)
    {
        lock (_gate)
        {
            _length = 0;
            if (_native && string.Equals(script, RedisRateLimitScripts.PackedLog, StringComparison.Ordinal))
            {
                return RunNative(keys, values);
            }

            WriteHeader(Eval, keys.Length, values.Length);
            int size = Encoding.UTF8.GetByteCount(script);
            WriteBulkHeader(size);
            Span<byte> target = Reserve(size + 2);
            Encoding.UTF8.GetBytes(script, target);
            target[size] = (byte)'\r';
            target[size + 1] = (byte)'\n';
            _length += size + 2;
            return Run(keys, values);
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

    /// <summary>Reads one RESP2/RESP3 reply; an error reply becomes a <see cref="RedisServerException"/>.</summary>
    internal static RedisResult Parse(ReadOnlySpan<byte> reply, ref int position)
    {
        byte type = reply[position++];
        ReadOnlySpan<byte> line = ReadLine(reply, ref position);
        switch (type)
        {
            case (byte)':':
                return RedisResult.Create(ParseLong(line), ResultType.Integer);
            case (byte)'+':
                return RedisResult.Create(Encoding.UTF8.GetString(line), ResultType.SimpleString);
            case (byte)'-':
                throw ServerError(Encoding.UTF8.GetString(line));
            case (byte)'$':
                long size = ParseLong(line);
                if (size < 0)
                {
                    return RedisResult.Create(RedisValue.Null, ResultType.BulkString);
                }

                RedisValue value = reply.Slice(position, (int)size).ToArray();
                position += (int)size + 2;
                return RedisResult.Create(value, ResultType.BulkString);
            case (byte)'*':
                long count = ParseLong(line);
                if (count < 0)
                {
                    return RedisResult.Create(RedisValue.Null, ResultType.BulkString);
                }

                var items = new RedisResult[count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = Parse(reply, ref position);
                }

                return RedisResult.Create(items, ResultType.Array);
            case (byte)'_':
                return RedisResult.Create(RedisValue.Null, ResultType.BulkString);
            default:
                throw ServerError($"Unexpected RESP reply type '{(char)type}' from the in-process Garnet session.");
        }
    }

    private static RedisServerException ServerError(string message) => new(
        message.StartsWith("NOSCRIPT", StringComparison.OrdinalIgnoreCase) ? RedisErrorKind.NoScript : RedisErrorKind.UnknownError,
        CommandFlags.None,
        message);

    private static ReadOnlySpan<byte> ReadLine(ReadOnlySpan<byte> reply, ref int position)
    {
        int end = reply[position..].IndexOf("\r\n"u8);
        ReadOnlySpan<byte> line = reply.Slice(position, end);
        position += end + 2;
        return line;
    }

    private static long ParseLong(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out long value, out int consumed) && consumed == digits.Length
            ? value
            : throw ServerError("Malformed RESP integer from the in-process Garnet session.");

    // TX.PACKEDLOG numkeys key… arg…: EVALSHA's layout without the SHA-1.
    private RedisResult RunNative(RedisKey[] keys, RedisValue[] values)
    {
        WriteMarker((byte)'*', 2 + keys.Length + values.Length);
        WriteBulk(NativePackedLogCommand);
        return Run(keys, values);
    }

    // Writes numkeys, the keys and the arguments after the script or its SHA-1, runs the command and reads its reply.
    private RedisResult Run(RedisKey[] keys, RedisValue[] values)
    {
        if (_disposed)
        {
            throw new RedisConnectionException(ConnectionFailureType.ConnectionDisposed, CommandFlags.None, "The embedded Garnet server was stopped.", null, CommandStatus.Unknown);
        }

        WriteBulk(null, keys.Length);
        foreach (RedisKey key in keys)
        {
            WriteBulk((byte[])key!);
        }

        foreach (RedisValue value in values)
        {
            WriteValue(value);
        }

        _sender.Reply.ResetWrittenCount();
        int consumed = _session.TryConsumeMessages((byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _request[0]), _length);
        if (consumed != _length)
        {
            throw ServerError($"The in-process Garnet session consumed {consumed} of {_length} request bytes.");
        }

        int position = 0;
        return Parse(_sender.Reply.WrittenSpan, ref position);
    }

    private void WriteHeader(byte[] command, int keyCount, int valueCount)
    {
        WriteMarker((byte)'*', 3 + keyCount + valueCount);
        WriteBulk(command);
    }

    private void WriteValue(in RedisValue value)
    {
        if (value.IsInteger)
        {
            WriteBulk(null, (long)value);
        }
        else
        {
            WriteBulk((byte[])value!);
        }
    }

    // An integer argument is a bulk string of its digits.
    private void WriteBulk(byte[]? bytes, long integer = 0)
    {
        if (bytes is not null)
        {
            WriteBulk(bytes.AsSpan());
            return;
        }

        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(integer, digits, out int written);
        WriteBulk(digits[..written]);
    }

    private void WriteBulk(ReadOnlySpan<byte> bytes)
    {
        WriteBulkHeader(bytes.Length);
        Span<byte> target = Reserve(bytes.Length + 2);
        bytes.CopyTo(target);
        target[bytes.Length] = (byte)'\r';
        target[bytes.Length + 1] = (byte)'\n';
        _length += bytes.Length + 2;
    }

    private void WriteBulkHeader(int size) => WriteMarker((byte)'$', size);

    private void WriteMarker(byte marker, long number)
    {
        Span<byte> target = Reserve(24);
        target[0] = marker;
        Utf8Formatter.TryFormat(number, target[1..], out int written);
        target[1 + written] = (byte)'\r';
        target[2 + written] = (byte)'\n';
        _length += 3 + written;
    }

    // Room for size more bytes at _length; the (pinned) request buffer doubles when needed.
    private Span<byte> Reserve(int size)
    {
        if (_length + size > _request.Length)
        {
            byte[] larger = GC.AllocateArray<byte>(Math.Max(_request.Length * 2, _length + size), pinned: true);
            _request.AsSpan(0, _length).CopyTo(larger);
            _request = larger;
        }

        return _request.AsSpan(_length, size);
    }
}
