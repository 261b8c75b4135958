using Garnet;
using Garnet.networking;
using Microsoft.Extensions.Logging;

namespace Tx.Resilience.Redis.Embedded;

/// <summary>A <see cref="GarnetServer"/> that opens in-process sessions (<see cref="GarnetSessionScriptExecutor"/>).</summary>
internal sealed class GarnetHost(string[] arguments, ILoggerFactory? loggerFactory)
    : GarnetServer(arguments, loggerFactory, cleanupDir: false)
{
    /// <summary>
    /// Opens a RESP session exactly as the server opens one for a new TCP client (same provider: Lua, transaction
    /// mode, authentication), writing its replies to <paramref name="sender"/> instead of a socket.
    /// </summary>
    public IMessageConsumer OpenSession(INetworkSender sender) =>
        storeWrapper.Servers[0].GetSessionProviders()[WireFormat.ASCII].GetSession(WireFormat.ASCII, sender);
}
