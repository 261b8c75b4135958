using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet.server;
using Microsoft.Extensions.Logging;
using Tx.Resilience.Redis.Telemetry;

namespace Tx.Resilience.Redis.Embedded;

/// <summary>
/// An in-process Garnet server (Redis protocol) with Lua on and Lua transaction mode on — without it Garnet runs
/// scripts without isolation and the limiter would not be exact. For single-instance and development use: several
/// instances of a service must share one Redis, or each one limits on its own.
/// </summary>
public sealed class EmbeddedGarnetServer : IDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, EmbeddedGarnetServer> Running = new();

    private readonly GarnetHost _server;
    private readonly string _directory;
    private readonly Lazy<GarnetSessionScriptExecutor> _scriptExecutor;

    private EmbeddedGarnetServer(GarnetHost server, int port, string directory, bool nativePackedLog)
    {
        _server = server;
        Port = port;
        _directory = directory;
        NativePackedLog = nativePackedLog;
        _scriptExecutor = new(() => new GarnetSessionScriptExecutor(server, nativePackedLog));
    }

    /// <summary>Gets the loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Gets a StackExchange.Redis connection string for the server.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},allowAdmin=true");

    /// <summary>
    /// Gets the in-process script path to this server: one Garnet session fed RESP commands directly, no socket. Shared
    /// by every limiter that runs in process on this server; stopped with the server.
    /// </summary>
    internal GarnetSessionScriptExecutor ScriptExecutor => _scriptExecutor.Value;

    /// <summary>Gets whether an embedded server of this process listens on loopback <paramref name="port"/>: its
    /// network work runs on this process's thread pool.</summary>
    internal static bool IsRunningOn(int port) => Running.ContainsKey(port);

    /// <summary>
    /// Gets a value indicating whether the native packed log (<see cref="PackedLogProcedure"/>) is registered: the
    /// in-process path then decides packed-log limits without Lua.
    /// </summary>
    internal bool NativePackedLog { get; }

    /// <summary>Gets the Garnet server, for further in-process sessions.</summary>
    internal GarnetHost Host => _server;

    /// <summary>Starts a server on the loopback interface.</summary>
    /// <param name="port">The port; a free one when zero.</param>
    /// <param name="loggerFactory">Receives Garnet's own logs; none when <see langword="null"/>.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public static EmbeddedGarnetServer Start(int port = 0, ILoggerFactory? loggerFactory = null) =>
        Start(port, loggerFactory, TimeProvider.System);

    /// <summary>Starts a server whose native packed log reads <paramref name="clock"/> (tests; Garnet's TIME reads the system clock).</summary>
    internal static EmbeddedGarnetServer Start(int port, ILoggerFactory? loggerFactory, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        if (port == 0)
        {
            port = FreePort();
        }

        // Never let Garnet clean up its directories itself: with cleanupDir they default to the current directory,
        // which it then deletes on stop. It gets a checkpoint directory of its own, which we delete.
        string directory = Path.Combine(Path.GetTempPath(), "tx-garnet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string[] arguments =
        [
            "--checkpointdir", directory,
            "--bind", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--lua",
            "--lua-transaction-mode", "true",
        ];
        var server = new GarnetHost(arguments, loggerFactory);
        bool native;
        try
        {
            native = RegisterNativePackedLog(server, clock, loggerFactory);
            server.Start();
        }
        catch
        {
            server.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var embedded = new EmbeddedGarnetServer(server, port, directory, native);
        Running[port] = embedded;
        return embedded;
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        Running.TryRemove(new KeyValuePair<int, EmbeddedGarnetServer>(Port, this));
        if (_scriptExecutor.IsValueCreated)
        {
            _scriptExecutor.Value.Dispose();
        }

        _server.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // Without the procedure the in-process path runs the packed-log script in Lua, as TCP clients do.
    private static bool RegisterNativePackedLog(GarnetHost server, TimeProvider clock, ILoggerFactory? loggerFactory)
    {
        try
        {
            _ = server.Register.NewTransactionProc(
                PackedLogProcedure.Name,
                () => new PackedLogProcedure(clock),
                new RespCommandsInfo { Name = PackedLogProcedure.Name, Arity = -6 });
            return true;
        }
#pragma warning disable CA1031 // Any failure to register leaves the Lua script, which decides the same.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (loggerFactory is not null)
            {
                Log.NativePackedLogUnavailable(loggerFactory.CreateLogger<EmbeddedGarnetServer>(), e);
            }

            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
