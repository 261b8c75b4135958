using System.Net;
using StackExchange.Redis;

namespace Tx.Resilience.Redis.Protocol;

/// <summary>
/// Where and how the direct transport connects: the one standalone server of a StackExchange.Redis connection, with
/// its credentials, database and timeouts.
/// </summary>
internal sealed record RespServerAddress(
    EndPoint EndPoint,
    string? User,
    string? Password,
    int Database,
    TimeSpan ConnectTimeout,
    TimeSpan SyncTimeout)
{
    /// <summary>
    /// Gets whether the server is an embedded Garnet of this process: its network work runs on this process's thread
    /// pool, so a caller must not block a pool thread waiting for it (the reply would wait for another thread to wake).
    /// </summary>
    public bool ServerInProcess { get; init; }

    /// <summary>
    /// Reads the server of <paramref name="connection"/> when the direct transport can serve it: one endpoint, no TLS,
    /// no sentinel, no proxy or tunnel, not a cluster; <see langword="null"/> otherwise (the limiter then uses the connection).
    /// A cluster is recognised only by a connected server: a limiter built while a one-seed cluster is unreachable
    /// takes it for a standalone server. Credentials are read once, from the connection's configuration string.
    /// </summary>
    public static RespServerAddress? From(IConnectionMultiplexer connection)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connection.Configuration);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (options.Ssl || options.EndPoints.Count != 1 || !string.IsNullOrEmpty(options.ServiceName) || options.Proxy != Proxy.None
            || options.Tunnel is not null)
        {
            return null;
        }

        foreach (IServer server in connection.GetServers())
        {
            if (server.IsConnected && server.ServerType != ServerType.Standalone)
            {
                return null;
            }
        }

        EndPoint endPoint = options.EndPoints[0];
        if (endPoint is not (IPEndPoint or DnsEndPoint))
        {
            return null;
        }

        return new RespServerAddress(
            endPoint,
            options.User,
            options.Password,
            options.DefaultDatabase ?? 0,
            TimeSpan.FromMilliseconds(options.ConnectTimeout),
            TimeSpan.FromMilliseconds(options.SyncTimeout))
        {
            ServerInProcess = endPoint switch
            {
                IPEndPoint { Address: var ip, Port: var port } => IPAddress.IsLoopback(ip) && Embedded.EmbeddedGarnetServer.IsRunningOn(port),
                DnsEndPoint { Host: var host, Port: var port } => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) && Embedded.EmbeddedGarnetServer.IsRunningOn(port),
                _ => false,
            },
        };
    }
}
