using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests;

/// <summary>A redis-server of our own on a free port, for tests that stop, restart or stall it.</summary>
public sealed class PrivateRedisServer : IDisposable
{
    private readonly string _pidFile;

    public PrivateRedisServer()
    {
        Port = FreePort.Next();
        _pidFile = Path.Combine(Path.GetTempPath(), $"tx-redis-{Port}.pid");
        Start();
    }

    public int Port { get; }

    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"127.0.0.1:{Port},allowAdmin=true,abortConnect=false,connectTimeout=500,syncTimeout=500,asyncTimeout=500,connectRetry=1");

    public void Start()
    {
        Run("redis-server", $"--port {Port} --bind 127.0.0.1 --daemonize yes --save '' --appendonly no --pidfile {_pidFile} --enable-debug-command yes");
        WaitUntil(() => Ping(), "redis-server did not start");
    }

    public void Stop()
    {
        Run("redis-cli", $"-p {Port} shutdown nosave");
        WaitUntil(() => !Ping(), "redis-server did not stop");
    }

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.WaitForExit(10_000);
    }

    private static void WaitUntil(Func<bool> condition, string message)
    {
        for (int i = 0; i < 100; i++)
        {
            if (condition())
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException(message);
    }

    private bool Ping()
    {
        try
        {
            using var connection = ConnectionMultiplexer.Connect($"127.0.0.1:{Port},connectTimeout=300,abortConnect=true");
            return connection.GetDatabase().Ping() > TimeSpan.Zero;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }
}
