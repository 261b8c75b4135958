using System.Runtime.InteropServices;
using Tx.Resilience.Redis.Protocol;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests.Protocol;

/// <summary>
/// The direct transport's blocking connection must block in the kernel: a descriptor left non-blocking makes .NET
/// emulate every "blocking" receive with its event thread, two more thread wake-ups per call — the p99 the transport
/// exists to remove (session 5 measured the transport with exactly that defect).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RespConnectionTests
{
    private const int GetFlags = 3; // F_GETFL
    private const int NonBlocking = 0x800; // O_NONBLOCK on Linux

    [Fact]
    public async Task Open_ThenRoundTrips_DescriptorStaysInBlockingMode()
    {
        using StackExchange.Redis.ConnectionMultiplexer multiplexer = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        using RespConnection connection = RespConnection.Open(RespServerAddress.From(multiplexer)!, TimeSpan.FromSeconds(10));
        int afterOpen = Fcntl(connection.Socket.Handle, GetFlags);

        connection.Request.WriteCommand(["PING"]);
        connection.RoundTrip(TimeSpan.FromSeconds(10));
        int afterCall = Fcntl(connection.Socket.Handle, GetFlags);

        Assert.True(afterOpen >= 0 && afterCall >= 0, "fcntl failed");
        Assert.Equal(0, afterOpen & NonBlocking);
        Assert.Equal(0, afterCall & NonBlocking);
    }

#pragma warning disable SYSLIB1054 // LibraryImport generates unsafe code, which this project does not allow.
    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(nint descriptor, int command);
#pragma warning restore SYSLIB1054
}
