using System.Buffers;
using System.Runtime.CompilerServices;
using Garnet.networking;

namespace Tx.Resilience.Redis.Embedded;

/// <summary>
/// The "network" of an in-process Garnet session: the session writes its reply into one pinned buffer and hands
/// over each filled part with <see cref="SendResponse(int, int)"/>, which copies it into <see cref="Reply"/>.
/// Single-threaded, like the session that owns it.
/// </summary>
internal sealed unsafe class InProcessNetworkSender : INetworkSender
{
    private const int BufferSize = 1 << 16;

    private readonly byte[] _buffer = GC.AllocateArray<byte>(BufferSize, pinned: true);
    private readonly byte* _head;

    public InProcessNetworkSender()
    {
        _head = (byte*)Unsafe.AsPointer(ref _buffer[0]);
    }

    /// <summary>Gets the reply bytes handed over since the last <see cref="ArrayBufferWriter{T}.ResetWrittenCount"/>.</summary>
    public ArrayBufferWriter<byte> Reply { get; } = new(1024);

    public MaxSizeSettings GetMaxSizeSettings { get; } = new();

    public string RemoteEndpointName => "in-process";

    public string LocalEndpointName => "in-process";

    public bool IsLocalConnection() => true;

    public void Enter()
    {
    }

    public void EnterAndGetResponseObject(out byte* head, out byte* tail)
    {
        head = _head;
        tail = _head + BufferSize;
    }

    public void Exit()
    {
    }

    public void ExitAndReturnResponseObject()
    {
    }

    public void GetResponseObject()
    {
    }

    public void ReturnResponseObject()
    {
    }

    public byte* GetResponseObjectHead() => _head;

    public byte* GetResponseObjectTail() => _head + BufferSize;

    public bool SendResponse(int offset, int size)
    {
        _buffer.AsSpan(offset, size).CopyTo(Reply.GetSpan(size));
        Reply.Advance(size);
        return true;
    }

    public void SendResponse(byte[] buffer, int offset, int count, object context)
    {
        buffer.AsSpan(offset, count).CopyTo(Reply.GetSpan(count));
        Reply.Advance(count);
    }

    public void SendCallback(object context)
    {
    }

    public void DisposeNetworkSender(bool waitForSendCompletion)
    {
    }

    public void Throttle()
    {
    }

    public bool TryClose() => false;

    public void Dispose()
    {
    }
}
