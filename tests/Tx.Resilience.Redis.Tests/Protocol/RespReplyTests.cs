using System.Text;
using StackExchange.Redis;
using Tx.Resilience.Redis.Protocol;

namespace Tx.Resilience.Redis.Tests.Protocol;

public sealed class RespReplyTests
{
    private const string Decision = "*5\r\n:1700000000000000\r\n:1\r\n:99\r\n$-1\r\n*2\r\n$3\r\nabc\r\n:7\r\n";

    [Fact]
    public void FrameLength_CompleteReplyFollowedByMore_IsTheFirstReplysLength()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(Decision + ":5\r\n");

        Assert.Equal(Decision.Length, RespReply.FrameLength(bytes));
    }

    [Fact]
    public void FrameLength_EveryTruncation_NeedsMoreBytes()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(Decision);

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(-1, RespReply.FrameLength(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Parse_NestedArray_ReadsEveryElement()
    {
        int position = 0;

        RedisResult result = RespReply.Parse(Encoding.ASCII.GetBytes(Decision), ref position);

        Assert.Equal(Decision.Length, position);
        Assert.Equal(5, result.Length);
        Assert.Equal(1_700_000_000_000_000, (long)result[0]);
        Assert.True(result[3].IsNull);
        Assert.Equal("abc", (string?)result[4][0]);
        Assert.Equal(7, (long)result[4][1]);
    }

    [Fact]
    public void Parse_NoScriptError_ThrowsServerExceptionOfThatKind()
    {
        int position = 0;
        byte[] bytes = Encoding.ASCII.GetBytes("-NOSCRIPT No matching script.\r\n");

        var error = Assert.Throws<RedisServerException>(() => RespReply.Parse(bytes, ref position));

        Assert.StartsWith("NOSCRIPT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RespBytes_ReadsIntegersBulkNullsAndArrays()
    {
        byte[] reply = "*4\r\n:12\r\n$3\r\na\r\n\r\n$-1\r\n*1\r\n+OK\r\n"u8.ToArray();
        int position = 0;

        RedisResult result = RespReply.Parse(reply, ref position);

        Assert.Equal(reply.Length, position);
        Assert.Equal(12L, (long)result[0]);
        Assert.Equal("a\r\n", (string?)result[1]);
        Assert.True(result[2].IsNull);
        Assert.Equal("OK", (string?)result[3][0]);
    }
}
