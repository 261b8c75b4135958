using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Tx.TestUtilities;

/// <summary>
/// A TCP proxy on a free loopback port between a client and a real server, to inject faults: cut every
/// connection (and refuse new ones), stall traffic, or slow it down. Point the client's connection string at
/// <see cref="Port"/>.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly Task _acceptLoop;
    private volatile bool _down;
    private volatile TaskCompletionSource _flowing = NewOpenGate();
    private long _latencyTicks;

    public TcpFaultProxy(string host, int port)
    {
        _host = host;
        _port = port;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Gets the number of connections accepted so far.</summary>
    public int Accepted => _accepted;

    private int _accepted;

    /// <summary>Closes every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _down = true;
        foreach (Socket socket in _sockets.Keys)
        {
            Close(socket);
        }
    }

    /// <summary>Holds every byte in both directions (connections stay open) until <see cref="Restore"/>.</summary>
    public void Stall()
    {
        if (_flowing.Task.IsCompleted)
        {
            _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Delays every chunk in both directions.</summary>
    public void Slow(TimeSpan latency) => Interlocked.Exchange(ref _latencyTicks, latency.Ticks);

    /// <summary>Back to a transparent proxy.</summary>
    public void Restore()
    {
        _down = false;
        Interlocked.Exchange(ref _latencyTicks, 0);
        _flowing.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        _flowing.TrySetResult();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            if (_down)
            {
                Close(client);
                continue;
            }

            _ = Task.Run(() => ConnectAsync(client));
        }
    }

    private async Task ConnectAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        _sockets[client] = 0;
        _sockets[server] = 0;
        try
        {
            await server.ConnectAsync(_host, _port, _stop.Token);
            if (_down)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0 || _down)
            {
                return;
            }

            await _flowing.Task.WaitAsync(_stop.Token);
            long latency = Interlocked.Read(ref _latencyTicks);
            if (latency > 0)
            {
                await Task.Delay(TimeSpan.FromTicks(latency), _stop.Token);
            }

            if (_down)
            {
                return;
            }

            int sent = 0;
            while (sent < read)
            {
                sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, _stop.Token);
            }
        }
    }

    private void Close(Socket socket)
    {
        _sockets.TryRemove(socket, out _);
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
