using System.Buffers.Text;
using System.Text;
using StackExchange.Redis;

namespace Tx.Resilience.Redis.Protocol;

/// <summary>
/// Builds one RESP command (EVALSHA, EVAL, or a short command such as AUTH) in a reusable buffer, as a client writes
/// it on the wire. Not thread-safe: one per connection or session.
/// </summary>
internal sealed class RespRequest
{
    private static readonly byte[] EvalShaCommand = "EVALSHA"u8.ToArray();
    private static readonly byte[] EvalCommand = "EVAL"u8.ToArray();

    private readonly bool _pinned;
    private byte[] _buffer;

    /// <param name="pinned">Allocates the buffer on the pinned heap (it is handed over by pointer).</param>
    public RespRequest(bool pinned = false)
    {
        _pinned = pinned;
        _buffer = GC.AllocateArray<byte>(4096, pinned);
    }

    /// <summary>Gets the buffer; the command is its first <see cref="Length"/> bytes.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Gets the length of the command written.</summary>
    public int Length { get; private set; }

    /// <summary>Gets the command written.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Writes EVALSHA with the script's SHA-1 (as 40 lower-case hex digits), its keys and arguments.</summary>
    public void WriteEvalSha(byte[] sha1, RedisKey[] keys, RedisValue[] values)
    {
        Length = 0;
        WriteHeader(EvalShaCommand, keys.Length, values.Length);
        Span<byte> hex = stackalloc byte[sha1.Length * 2];
        Convert.TryToHexStringLower(sha1, hex, out int written);
        WriteBulk(hex[..written]);
        WriteKeysAndValues(keys, values);
    }

    /// <summary>Writes EVAL with the script's text, its keys and arguments.</summary>
    public void WriteEval(string script, RedisKey[] keys, RedisValue[] values)
    {
        Length = 0;
        WriteHeader(EvalCommand, keys.Length, values.Length);
        int size = Encoding.UTF8.GetByteCount(script);
        WriteMarker((byte)'$', size);
        Span<byte> target = Reserve(size + 2);
        Encoding.UTF8.GetBytes(script, target);
        target[size] = (byte)'\r';
        target[size + 1] = (byte)'\n';
        Length += size + 2;
        WriteKeysAndValues(keys, values);
    }

    /// <summary>
    /// Writes <paramref name="command"/> numkeys key… arg…: EVALSHA's layout without the script, for a procedure the
    /// server runs natively (the embedded Garnet's <c>TX.PACKEDLOG</c>).
    /// </summary>
    public void WriteProcedure(byte[] command, RedisKey[] keys, RedisValue[] values)
    {
        Length = 0;
        WriteMarker((byte)'*', 2 + keys.Length + values.Length);
        WriteBulk(command);
        WriteKeysAndValues(keys, values);
    }

    /// <summary>Writes a command of plain string parts (AUTH, SELECT).</summary>
    public void WriteCommand(params ReadOnlySpan<string> parts)
    {
        Length = 0;
        WriteMarker((byte)'*', parts.Length);
        foreach (string part in parts)
        {
            WriteBulk(Encoding.UTF8.GetBytes(part));
        }
    }

    private void WriteHeader(byte[] command, int keyCount, int valueCount)
    {
        WriteMarker((byte)'*', 3 + keyCount + valueCount);
        WriteBulk(command);
    }

    // numkeys, then the keys, then the arguments (an integer argument is a bulk string of its digits).
    private void WriteKeysAndValues(RedisKey[] keys, RedisValue[] values)
    {
        WriteInteger(keys.Length);
        foreach (RedisKey key in keys)
        {
            WriteBulk((byte[])key!);
        }

        foreach (RedisValue value in values)
        {
            if (value.IsInteger)
            {
                WriteInteger((long)value);
            }
            else
            {
                WriteBulk((byte[])value!);
            }
        }
    }

    private void WriteInteger(long integer)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(integer, digits, out int written);
        WriteBulk(digits[..written]);
    }

    private void WriteBulk(ReadOnlySpan<byte> bytes)
    {
        WriteMarker((byte)'$', bytes.Length);
        Span<byte> target = Reserve(bytes.Length + 2);
        bytes.CopyTo(target);
        target[bytes.Length] = (byte)'\r';
        target[bytes.Length + 1] = (byte)'\n';
        Length += bytes.Length + 2;
    }

    private void WriteMarker(byte marker, long number)
    {
        Span<byte> target = Reserve(24);
        target[0] = marker;
        Utf8Formatter.TryFormat(number, target[1..], out int written);
        target[1 + written] = (byte)'\r';
        target[2 + written] = (byte)'\n';
        Length += 3 + written;
    }

    // Room for size more bytes at Length; the buffer doubles when needed.
    private Span<byte> Reserve(int size)
    {
        if (Length + size > _buffer.Length)
        {
            byte[] larger = GC.AllocateArray<byte>(Math.Max(_buffer.Length * 2, Length + size), _pinned);
            _buffer.AsSpan(0, Length).CopyTo(larger);
            _buffer = larger;
        }

        return _buffer.AsSpan(Length, size);
    }
}
