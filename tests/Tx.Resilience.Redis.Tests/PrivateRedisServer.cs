using System.Diagnostics;
using System.Globalization;
using Tx.TestUtilities;

namespace Tx.Resilience.Redis.Tests;

/// <summary>A redis-server of our own on a free port, for tests that stop, restart or stall it.</summary>
public sealed class PrivateRedisServer : IDisposable
{
    private Process? _process;

    public PrivateRedisServer()
    {
        Port = FreePort.Next();
        Start();
    }

    public int Port { get; }

    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"127.0.0.1:{Port},allowAdmin=true,abortConnect=false,connectTimeout=500,syncTimeout=500,asyncTimeout=500,connectRetry=1");

    public void Start()
    {
        // A child process (not a daemon): its log says when it accepts connections, and its exit says when it stopped.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(
                "redis-server",
                ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--enable-debug-command", "yes"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server on port {Port} exited before it was ready"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"redis-server on port {Port} did not start within 10 s");
        }

        _process = process;
    }

    public void Stop()
    {
        Process? process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        using (process)
        {
            Run("redis-cli", $"-p {Port} shutdown nosave");
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                throw new InvalidOperationException($"redis-server on port {Port} did not stop within 10 s");
            }
        }
    }

    public void Dispose() => Stop();

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.WaitForExit(10_000);
    }
}
