using System.Buffers;
using System.Buffers.Text;
using Garnet.common;
using Garnet.server;
using Tsavorite.core;
using Tx.Resilience.Redis.RateLimiting;

namespace Tx.Resilience.Redis.Embedded;

/// <summary>
/// <see cref="RedisRateLimitScripts.PackedLog"/> as a native Garnet transaction procedure, for the embedded server:
/// the same decisions, the same stored string (16-digit grant times in µs) and the same expiry, with no Lua VM and no
/// re-parsed <c>redis.call</c>. Called as <c>TX.PACKEDLOG numkeys key… limit window (key index, cost)…</c> — the
/// script's KEYS and ARGV after a key count, as EVALSHA takes them — and replies with the script's array. Every key is
/// locked exclusively for the call by Garnet's transaction manager, the same locks a Lua script takes in Lua
/// transaction mode, so native calls and scripts sent by TCP clients on the same keys are serialized. The clock is
/// <see cref="TimeProvider.GetUtcNow"/> of <see cref="TimeProvider.System"/> by default: the same
/// system clock Garnet's TIME reads (DateTimeOffset.UtcNow), truncated to microseconds as TIME is. One instance per
/// session (Garnet creates it through the registered factory), so its buffers are used by one thread at a time.
/// </summary>
internal sealed class PackedLogProcedure(TimeProvider timeProvider) : CustomTransactionProcedure
{
    /// <summary>The command name the procedure is registered under.</summary>
    public const string Name = "TX.PACKEDLOG";

    private const int EntrySize = 16;

    private PinnedSpanByte[] _keys = new PinnedSpanByte[8];
    private KeyState[] _states = new KeyState[8];
    private long[] _out = new long[64];
    private byte[] _logs = GC.AllocateArray<byte>(4096, pinned: true);
    private byte[] _value = GC.AllocateArray<byte>(4096, pinned: true);

    /// <inheritdoc/>
    public override bool Prepare<TGarnetReadApi>(TGarnetReadApi api, ref CustomProcedureInput procInput)
    {
        int offset = 0;
        if (!TryParse(GetNextArg(ref procInput, ref offset), out long keyCount) || keyCount < 1)
        {
            return false;
        }

        for (long i = 0; i < keyCount; i++)
        {
            PinnedSpanByte key = GetNextArg(ref procInput, ref offset);
            if (key.Length == 0)
            {
                return false;
            }

            AddKey(key, LockType.Exclusive, StoreType.All);
        }

        return true;
    }

    /// <inheritdoc/>
    public override void Main<TGarnetApi>(TGarnetApi api, ref CustomProcedureInput procInput, ref MemoryResult<byte> output)
    {
        int offset = 0;
        _ = TryParse(GetNextArg(ref procInput, ref offset), out long keyCountArg);
        int keyCount = (int)keyCountArg;
        if (_keys.Length < keyCount)
        {
            _keys = new PinnedSpanByte[keyCount];
            _states = new KeyState[keyCount];
        }

        for (int k = 0; k < keyCount; k++)
        {
            _keys[k] = GetNextArg(ref procInput, ref offset);
            _states[k] = default;
        }

        if (!TryParse(GetNextArg(ref procInput, ref offset), out long limit)
            || !TryParse(GetNextArg(ref procInput, ref offset), out long window))
        {
            WriteError(ref output, "ERR TX.PACKEDLOG: limit and window must be integers");
            return;
        }

        long now = (timeProvider.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / 10;
        long cutoff = now - window;
        int logsUsed = 0;
        int outCount = 1;
        _out[0] = now;
        while (true)
        {
            PinnedSpanByte keyArg = GetNextArg(ref procInput, ref offset);
            if (keyArg.Length == 0)
            {
                break;
            }

            if (!TryParse(keyArg, out long keyNumber) || keyNumber < 1 || keyNumber > keyCount
                || !TryParse(GetNextArg(ref procInput, ref offset), out long cost))
            {
                WriteError(ref output, "ERR TX.PACKEDLOG: each decision is a key index and a cost");
                return;
            }

            int k = (int)keyNumber - 1;
            ref KeyState state = ref _states[k];
            if (!state.Loaded && !TryLoad(ref api, k, now, cutoff, ref logsUsed, ref state))
            {
                WriteError(ref output, "ERR TX.PACKEDLOG: the stored log holds an entry that is not a number");
                return;
            }

            long count = state.Count;
            bool allowed = false;
            if (cost == 0)
            {
                allowed = count < limit;
            }
            else if (count + cost <= limit)
            {
                state.Added += cost;
                count += cost;
                allowed = true;
            }

            long reset = now;
            if (state.HasOldest)
            {
                reset = state.Oldest + window;
            }
            else if (count > 0)
            {
                reset = state.Stamp + window;
            }

            long retry = 0;
            if (!allowed)
            {
                long i = count + Math.Max(cost, 1) - limit;
                if (i * EntrySize <= state.LogLength)
                {
                    if (!TryParse(Entry(state.LogStart + ((int)(i - 1) * EntrySize)), out long entry))
                    {
                        WriteError(ref output, "ERR TX.PACKEDLOG: the stored log holds an entry that is not a number");
                        return;
                    }

                    retry = entry + window - now;
                }
                else if (i <= count)
                {
                    retry = state.Stamp + window - now;
                }
                else
                {
                    retry = window;
                }
            }

            if (!state.HasOldest && count > 0)
            {
                state.HasOldest = true;
                state.Oldest = state.Stamp;
            }

            state.Count = count;
            if (_out.Length < outCount + 4)
            {
                Array.Resize(ref _out, _out.Length * 2);
            }

            _out[outCount] = allowed ? 1 : 0;
            _out[outCount + 1] = limit - count;
            _out[outCount + 2] = reset;
            _out[outCount + 3] = retry;
            outCount += 4;
        }

        for (int k = 0; k < keyCount; k++)
        {
            ref KeyState state = ref _states[k];
            if (state.Added > 0)
            {
                Write(ref api, k, ref state, now, window);
            }
        }

        WriteReply(ref output, outCount);
    }

    private static bool TryParse(ReadOnlySpan<byte> digits, out long value) =>
        Utf8Parser.TryParse(digits, out value, out int consumed) && consumed == digits.Length && digits.Length > 0;

    // Reads the key's log once per call: drops the prefix that left the window (binary search), keeps the rest in _logs.
    private bool TryLoad<TGarnetApi>(ref TGarnetApi api, int k, long now, long cutoff, ref int logsUsed, ref KeyState state)
        where TGarnetApi : IGarnetApi
    {
        state.Loaded = true;
        state.Stamp = now;
        state.LogStart = logsUsed;
        GarnetStatus status = api.GET(_keys[k], out PinnedSpanByte stored);
        if (status == GarnetStatus.OK)
        {
            if (logsUsed + stored.Length > _logs.Length)
            {
                byte[] larger = GC.AllocateArray<byte>(Math.Max(_logs.Length * 2, logsUsed + stored.Length), pinned: true);
                _logs.AsSpan(0, logsUsed).CopyTo(larger);
                _logs = larger;
            }

            stored.ReadOnlySpan.CopyTo(_logs.AsSpan(logsUsed));
            state.LogLength = stored.Length;
            logsUsed += stored.Length;
        }

        // Another type under the key (the sorted-set log of a limiter above PackedLogMaxPermits) reads as no log, as the
        // script's GET does on Garnet (its Lua sees nil there, not an error, so the script's DEL never runs on Garnet):
        // the key is left as it is until a grant replaces it with the string.

        long count = state.LogLength / EntrySize;
        if (count > 0)
        {
            if (!TryParse(Entry(state.LogStart + state.LogLength - EntrySize), out long newest)
                || !TryParse(Entry(state.LogStart), out long oldest))
            {
                return false;
            }

            if (newest > now)
            {
                state.Stamp = newest;
            }

            state.HasOldest = true;
            if (oldest <= cutoff)
            {
                long lo = 1;
                long hi = count;
                while (lo < hi)
                {
                    long mid = (lo + hi) / 2;
                    if (!TryParse(Entry(state.LogStart + ((int)mid * EntrySize)), out long entry))
                    {
                        return false;
                    }

                    if (entry <= cutoff)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                state.LogStart += (int)lo * EntrySize;
                state.LogLength -= (int)lo * EntrySize;
                count -= lo;
                state.HasOldest = count > 0;
                if (count > 0 && !TryParse(Entry(state.LogStart), out oldest))
                {
                    return false;
                }
            }

            state.Oldest = oldest;
        }

        state.Count = count;
        return true;
    }

    // SET key (kept log + one 16-digit stamp per added permit) PX ceil((stamp - now + window) / 1000) + 1000.
    private void Write<TGarnetApi>(ref TGarnetApi api, int k, ref KeyState state, long now, long window)
        where TGarnetApi : IGarnetApi
    {
        int length = state.LogLength + (int)(state.Added * EntrySize);
        if (_value.Length < length)
        {
            _value = GC.AllocateArray<byte>(Math.Max(_value.Length * 2, length), pinned: true);
        }

        Span<byte> value = _value.AsSpan(0, length);
        _logs.AsSpan(state.LogStart, state.LogLength).CopyTo(value);
        Span<byte> stamp = value.Slice(state.LogLength, EntrySize);
        _ = Utf8Formatter.TryFormat(state.Stamp, stamp, out _, new StandardFormat('D', EntrySize));
        for (int at = state.LogLength + EntrySize; at < length; at += EntrySize)
        {
            stamp.CopyTo(value[at..]);
        }

        long ttl = state.Stamp - now + window;
        long milliseconds = ((ttl + 999) / 1000) + 1000;
        _ = api.SETEX(_keys[k], PinnedSpanByte.FromPinnedSpan(value), TimeSpan.FromMilliseconds(milliseconds), out _);
    }

    private ReadOnlySpan<byte> Entry(int start) => _logs.AsSpan(start, EntrySize);

    // The script's reply: an array of integers.
    private void WriteReply(ref MemoryResult<byte> output, int count)
    {
        int size = 16 + (count * 24);
        output = MemoryResult<byte>.Create(MemoryPool, size);
        Span<byte> target = output.Span;
        int at = 0;
        target[at++] = (byte)'*';
        _ = Utf8Formatter.TryFormat(count, target[at..], out int written);
        at += written;
        target[at++] = (byte)'\r';
        target[at++] = (byte)'\n';
        for (int i = 0; i < count; i++)
        {
            target[at++] = (byte)':';
            _ = Utf8Formatter.TryFormat(_out[i], target[at..], out written);
            at += written;
            target[at++] = (byte)'\r';
            target[at++] = (byte)'\n';
        }

        output.Length = at;
    }

    private struct KeyState
    {
        public bool Loaded;
        public bool HasOldest;
        public long Count;
        public long Oldest;
        public long Stamp;
        public long Added;
        public int LogStart;
        public int LogLength;
    }
}
