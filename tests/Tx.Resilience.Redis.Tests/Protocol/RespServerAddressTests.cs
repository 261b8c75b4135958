using System.Net;
using StackExchange.Redis;
using Tx.Resilience.Redis.Protocol;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests.Protocol;

[Collection(ServersCollection.Name)]
public sealed class RespServerAddressTests(Servers servers)
{
    [Fact]
    public void From_StandaloneConnection_ReadsEndpointCredentialsDatabaseAndTimeouts()
    {
        int port = FreePort.Next();
        using ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(
            $"127.0.0.1:{port},abortConnect=false,user=app,password=s3cret,defaultDatabase=2,connectTimeout=1234,syncTimeout=567");

        RespServerAddress? address = RespServerAddress.From(connection);

        Assert.NotNull(address);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), address.EndPoint);
        Assert.Equal("app", address.User);
        Assert.Equal("s3cret", address.Password);
        Assert.Equal(2, address.Database);
        Assert.Equal(TimeSpan.FromMilliseconds(1234), address.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(567), address.SyncTimeout);
        Assert.False(address.ServerInProcess);
    }

    [Theory]
    [InlineData("ssl=true")]
    [InlineData("127.0.0.1:1")]
    [InlineData("serviceName=mymaster")]
    [InlineData("proxy=twemproxy")]
    public void From_TlsSeveralEndpointsSentinelOrProxy_IsNotServed(string extra)
    {
        using ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(
            $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=100,{extra}");

        Assert.Null(RespServerAddress.From(connection));
    }

    [Fact]
    public void From_EmbeddedGarnetOfThisProcess_IsInProcess()
    {
        Assert.True(RespServerAddress.From(servers.Garnet)!.ServerInProcess);
        Assert.False(RespServerAddress.From(servers.Redis)!.ServerInProcess);
    }
}
