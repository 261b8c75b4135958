using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tx.Resilience.Redis.Embedded;

/// <summary>The container's embedded Garnet server and its connection, started on first use, stopped with the container.</summary>
internal sealed class EmbeddedRedisConnection : IDisposable
{
    private readonly Lazy<(EmbeddedGarnetServer Server, ConnectionMultiplexer Connection)> _started;

    public EmbeddedRedisConnection(ILoggerFactory? loggerFactory)
    {
        _started = new(() =>
        {
            EmbeddedGarnetServer server = EmbeddedGarnetServer.Start(loggerFactory: loggerFactory);
            return (server, ConnectionMultiplexer.Connect(server.ConnectionString));
        });
    }

    public IConnectionMultiplexer Connection => _started.Value.Connection;

    public void Dispose()
    {
        if (_started.IsValueCreated)
        {
            _started.Value.Connection.Dispose();
            _started.Value.Server.Dispose();
        }
    }
}
