using System.Text;
using StackExchange.Redis;
using Tx.Resilience.Redis.Protocol;

namespace Tx.Resilience.Redis.Tests.Protocol;

public sealed class RespRequestTests
{
    [Fact]
    public void WriteEvalSha_KeysAndValues_WritesTheCommandAsRespBulkStrings()
    {
        var request = new RespRequest();
        byte[] sha1 = Convert.FromHexString("00112233445566778899aabbccddeeff00112233");

        request.WriteEvalSha(sha1, [new RedisKey("k").Prepend("p:")], [100, "x"]);

        Assert.Equal(
            "*6\r\n$7\r\nEVALSHA\r\n$40\r\n00112233445566778899aabbccddeeff00112233\r\n$1\r\n1\r\n$3\r\np:k\r\n$3\r\n100\r\n$1\r\nx\r\n",
            Encoding.ASCII.GetString(request.Written));
    }

    [Fact]
    public void WriteEval_ScriptLargerThanTheBuffer_GrowsAndKeepsEarlierBytes()
    {
        var request = new RespRequest();
        string script = "return 1 -- " + new string('x', 10_000);

        request.WriteEval(script, [], []);
        request.WriteCommand("SELECT", "2");

        Assert.Equal("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n", Encoding.ASCII.GetString(request.Written));
        request.WriteEval(script, [], []);
        Assert.EndsWith(script + "\r\n$1\r\n0\r\n", Encoding.ASCII.GetString(request.Written), StringComparison.Ordinal);
    }
}
