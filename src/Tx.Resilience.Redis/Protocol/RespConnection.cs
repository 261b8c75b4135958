using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Tx.Resilience.Redis.Protocol;

/// <summary>
/// One socket to the server, one command at a time. A blocking connection writes its command and reads the reply on
/// the caller's thread (no hand-off to any other thread: the kernel wakes the caller when the reply arrives); an
/// asynchronous one awaits the socket. On Unix a socket that ever ran an asynchronous operation stays in the event
/// loop's non-blocking mode, so each connection is one kind for its whole life. A failure or timeout breaks the
/// connection (its reply could still arrive) and it is closed; an error reply leaves it usable.
/// </summary>
internal sealed class RespConnection : IDisposable
{
    private const int DefaultPort = 6379;

    private readonly Socket _socket;
    private byte[] _reply = new byte[4096];
    private int _receiveTimeoutMs;
    private CancellationTokenSource? _timeout;

    private RespConnection(Socket socket, bool blocking)
    {
        _socket = socket;
        IsBlocking = blocking;
    }

    public bool IsBlocking { get; }

    /// <summary>Gets the socket (tests read its descriptor's mode).</summary>
    internal Socket Socket => _socket;

    /// <summary>Gets the command to send next.</summary>
    public RespRequest Request { get; } = new();

    /// <summary>
    /// Opens a blocking connection: connect, AUTH and SELECT when configured, each bounded by
    /// <paramref name="timeout"/> (the caller's operation timeout when shorter than the connect timeout).
    /// </summary>
    public static RespConnection Open(RespServerAddress address, TimeSpan timeout)
    {
        Socket? socket = null;
        try
        {
            socket = NewSocket(address, out EndPoint endPoint);

            // A plain blocking connect, bounded by the send timeout (Linux applies SO_SNDTIMEO to connect). The socket
            // must never be switched to non-blocking, not even for the connect: .NET then keeps it in its event loop
            // for good, and every "blocking" receive becomes a wait for the event thread (two more wake-ups a call).
            socket.SendTimeout = Milliseconds(timeout);
            try
            {
                socket.Connect(endPoint);
            }
            catch (SocketException e)
            {
                throw ConnectionError(ConnectionFailureType.UnableToConnect, $"Connecting to {address.EndPoint} failed: {e.Message}", e);
            }

            var connection = new RespConnection(socket, blocking: true);
            connection.Handshake(address, timeout);
            return connection;
        }
        catch (Exception e)
        {
            socket?.Dispose();
            throw Failure(e, address.EndPoint);
        }
    }

    /// <summary>Opens an asynchronous connection: connect (bounded by the connect timeout), AUTH and SELECT when configured.</summary>
    public static async Task<RespConnection> OpenAsync(RespServerAddress address, TimeProvider timeProvider)
    {
        Socket? socket = null;
        RespConnection? connection = null;
        try
        {
            socket = NewSocket(address, out EndPoint endPoint);
            using (var timeout = new CancellationTokenSource(address.ConnectTimeout, timeProvider))
            {
                await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            }

            connection = new RespConnection(socket, blocking: false);
            foreach (string[] command in HandshakeCommands(address))
            {
                connection.Request.WriteCommand(command);
                await connection.RoundTripAsync(address.ConnectTimeout, timeProvider).ConfigureAwait(false);
            }

            return connection;
        }
        catch (Exception e)
        {
            if (connection is not null)
            {
                connection.Dispose();
            }
            else
            {
                socket?.Dispose();
            }

            throw Failure(e, address.EndPoint);
        }
    }

    /// <summary>
    /// Gets whether an idle connection looks closed by the server (an idle timeout, a proxy or NAT dropping it): the
    /// socket reads as ready with nothing to read. One <c>poll</c>, which does not change the socket's blocking mode.
    /// </summary>
    public bool LooksClosed()
    {
        try
        {
            return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Gets or sets when this connection last finished a call (a timestamp of the executor's time provider).</summary>
    public long LastUsed { get; set; }

    /// <summary>Sends <see cref="Request"/> and reads its reply on this thread, waiting at most <paramref name="timeout"/>.</summary>
    public RedisResult RoundTrip(TimeSpan timeout)
    {
        int timeoutMs = Milliseconds(timeout);
        if (timeoutMs != _receiveTimeoutMs)
        {
            _socket.ReceiveTimeout = timeoutMs;
            _socket.SendTimeout = timeoutMs;
            _receiveTimeoutMs = timeoutMs;
        }

        ReadOnlySpan<byte> request = Request.Written;
        while (!request.IsEmpty)
        {
            request = request[_socket.Send(request)..];
        }

        int length = 0;
        while (true)
        {
            int frame = RespReply.FrameLength(_reply.AsSpan(0, length));
            if (frame >= 0)
            {
                RedisResult result = Read(frame, length, out RedisServerException? error);
                return error is null ? result : throw error;
            }

            EnsureRoom(length);
            int received = _socket.Receive(_reply, length, _reply.Length - length, SocketFlags.None);
            if (received == 0)
            {
                throw ConnectionError(ConnectionFailureType.SocketClosed, "The server closed the connection.");
            }

            length += received;
        }
    }

    /// <summary>Sends <see cref="Request"/> and awaits its reply, at most <paramref name="timeout"/>.</summary>
    public async Task<RedisResult> RoundTripAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        // One timeout source per connection, re-armed for each call (a connection runs one call at a time).
        CancellationTokenSource cancellation = _timeout ??= new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        cancellation.CancelAfter(timeout);
        try
        {
            await _socket.SendAsync(Request.Buffer.AsMemory(0, Request.Length), SocketFlags.None, cancellation.Token).ConfigureAwait(false);
            int length = 0;
            while (true)
            {
                int frame = RespReply.FrameLength(_reply.AsSpan(0, length));
                if (frame >= 0)
                {
                    RedisResult result = Read(frame, length, out RedisServerException? error);
                    if (!cancellation.TryReset())
                    {
                        // The timer fired as the reply arrived: a fresh source for the next call.
                        cancellation.Dispose();
                        _timeout = null;
                    }

                    return error is null ? result : throw error;
                }

                EnsureRoom(length);
                int received = await _socket.ReceiveAsync(_reply.AsMemory(length), SocketFlags.None, cancellation.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    throw ConnectionError(ConnectionFailureType.SocketClosed, "The server closed the connection.");
                }

                length += received;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw TimeoutError($"No reply within {timeout.TotalMilliseconds:F0} ms.", CommandStatus.Sent);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _timeout?.Dispose();
    }

    /// <summary>A connection-level failure as StackExchange.Redis reports it: a timeout, or a connection exception.</summary>
    public static Exception Failure(Exception exception, EndPoint endPoint) => exception switch
    {
        RedisException => exception,
        SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } =>
            TimeoutError($"No reply from {endPoint} within the timeout.", CommandStatus.Sent),
        OperationCanceledException => ConnectionError(ConnectionFailureType.UnableToConnect, $"Connecting to {endPoint} timed out.", exception),
        SocketException or ObjectDisposedException or IOException =>
            ConnectionError(ConnectionFailureType.SocketFailure, $"{endPoint}: {exception.Message}", exception),
        _ => exception,
    };

    private static RedisConnectionException ConnectionError(ConnectionFailureType type, string message, Exception? inner = null) =>
        new(type, CommandFlags.None, message, inner, CommandStatus.Unknown);

    private static RedisTimeoutException TimeoutError(string message, CommandStatus status) => new(CommandFlags.None, message, status);

    private static Socket NewSocket(RespServerAddress address, out EndPoint endPoint)
    {
        endPoint = address.EndPoint switch
        {
            IPEndPoint { Port: 0 } ip => new IPEndPoint(ip.Address, DefaultPort),
            DnsEndPoint { Port: 0 } dns => new DnsEndPoint(dns.Host, DefaultPort),
            _ => address.EndPoint,
        };
        if (endPoint is DnsEndPoint host)
        {
            IPAddress[] addresses = Dns.GetHostAddresses(host.Host);
            IPAddress ip = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new SocketException((int)SocketError.HostNotFound);
            endPoint = new IPEndPoint(ip, host.Port);
        }

        return new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    private static IEnumerable<string[]> HandshakeCommands(RespServerAddress address)
    {
        if (address.Password is not null)
        {
            yield return address.User is null ? ["AUTH", address.Password] : ["AUTH", address.User, address.Password];
        }

        if (address.Database != 0)
        {
            yield return ["SELECT", address.Database.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
    }

    private void Handshake(RespServerAddress address, TimeSpan timeout)
    {
        foreach (string[] command in HandshakeCommands(address))
        {
            Request.WriteCommand(command);
            RoundTrip(timeout);
        }
    }

    private static int Milliseconds(TimeSpan timeout) => Math.Max(1, (int)Math.Ceiling(timeout.TotalMilliseconds));

    // An error reply is handed back rather than thrown, so the caller's timeout is re-armed first.
    private RedisResult Read(int frame, int length, out RedisServerException? error)
    {
        error = null;
        if (frame != length)
        {
            // One command in flight: anything after its reply is not ours to read.
            throw ConnectionError(ConnectionFailureType.ProtocolFailure, "Unexpected bytes after the reply.");
        }

        int position = 0;
        try
        {
            return RespReply.Parse(_reply.AsSpan(0, frame), ref position);
        }
        catch (RedisServerException e)
        {
            error = e;
            return null!;
        }
    }

    private void EnsureRoom(int length)
    {
        if (length == _reply.Length)
        {
            Array.Resize(ref _reply, _reply.Length * 2);
        }
    }
}
