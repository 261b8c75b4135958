using System.Buffers.Text;
using System.Text;
using StackExchange.Redis;

namespace Tx.Resilience.Redis.Protocol;

/// <summary>Reads RESP replies: where one ends in a stream of bytes, and what it holds as a <see cref="RedisResult"/>.</summary>
internal static class RespReply
{
    /// <summary>Gets the length of the first complete reply in <paramref name="buffer"/>, or -1 when more bytes are needed.</summary>
    public static int FrameLength(ReadOnlySpan<byte> buffer)
    {
        int position = 0;
        return Skip(buffer, ref position) ? position : -1;
    }

    /// <summary>Reads one RESP2/RESP3 reply; an error reply becomes a <see cref="RedisServerException"/>.</summary>
    public static RedisResult Parse(ReadOnlySpan<byte> reply, ref int position)
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
                throw ProtocolError($"Unexpected RESP reply type '{(char)type}'.");
        }
    }

    /// <summary>
    /// Bytes that are not a RESP reply: a connection failure (the stream can no longer be read in step), not a server
    /// error reply that leaves the connection usable.
    /// </summary>
    public static RedisConnectionException ProtocolError(string message) =>
        new(ConnectionFailureType.ProtocolFailure, CommandFlags.None, message, null, CommandStatus.Unknown);

    /// <summary>An error reply as StackExchange.Redis reports it (NOSCRIPT keeps its own kind).</summary>
    public static RedisServerException ServerError(string message) => new(
        message.StartsWith("NOSCRIPT", StringComparison.OrdinalIgnoreCase) ? RedisErrorKind.NoScript : RedisErrorKind.UnknownError,
        CommandFlags.None,
        message);

    private static bool Skip(ReadOnlySpan<byte> buffer, ref int position)
    {
        if (position >= buffer.Length)
        {
            return false;
        }

        byte type = buffer[position];
        int end = buffer[(position + 1)..].IndexOf("\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        ReadOnlySpan<byte> line = buffer.Slice(position + 1, end);
        position += end + 3;
        switch (type)
        {
            case (byte)'$':
                long size = ParseLong(line);
                if (size < 0)
                {
                    return true;
                }

                if (buffer.Length - position < size + 2)
                {
                    return false;
                }

                position += (int)size + 2;
                return true;
            case (byte)'*':
                long count = ParseLong(line);
                for (long i = 0; i < count; i++)
                {
                    if (!Skip(buffer, ref position))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

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
            : throw ProtocolError("Malformed RESP integer.");
}
