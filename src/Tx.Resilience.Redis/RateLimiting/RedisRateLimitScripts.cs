namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// The Lua scripts: one call decides a batch of one or more decisions, atomically on the server, timed by the
/// server's own clock (TIME) in microseconds. KEYS are the batch's distinct partition keys; ARGV is permit limit,
/// window (µs), then one (key index into KEYS, cost) pair per decision in arrival order. The decisions are applied
/// one after the other at the same server time, exactly as separate calls would be. Both return
/// { server now (µs), then per decision: allowed (0/1), remaining, reset (µs since epoch), retry-after (µs) }.
/// </summary>
internal static class RedisRateLimitScripts
{
    /// <summary>The largest permit limit whose log is a packed string (<see cref="PackedLog"/>): at most 16,000 bytes per key.</summary>
    public const int PackedLogMaxPermits = 1_000;

    /// <summary>
    /// Exact sliding-window log as one string of 16-digit grant times (µs), one entry per permit, appended in time
    /// order: the first entry is the oldest, the length ÷ 16 the count, and the entries that left the window are a
    /// prefix, found by binary search. Per key and batch it costs one GET and — only when something was granted — one
    /// SET with PX, which also sets the expiry (one window plus one second after the newest entry), against ZRANGE,
    /// ZCARD, ZADD and PEXPIRE for the sorted set (<see cref="Log"/>): measured on Debian Redis 7 with 8 distinct keys
    /// per call, about a fifth less redis-server CPU per decision and 40 % less memory. The expired prefix is dropped
    /// when the key is next written. A new entry never sorts before the newest one (should the server's clock step
    /// back, it takes the newest's time). A key that holds another type (the log of a limiter configured above
    /// <see cref="PackedLogMaxPermits"/> under the same prefix) is replaced.
    /// </summary>
    public const string PackedLog = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local cutoff = now - window
        local logs = {}
        local counts = {}
        local oldests = {}
        local stamps = {}
        local added = {}
        local out = { now }
        local o = 1
        for a = 3, #ARGV, 2 do
          local k = tonumber(ARGV[a])
          local cost = tonumber(ARGV[a + 1])
          local log = logs[k]
          local count, oldest, stamp
          if log == nil then
            log = redis.pcall('GET', KEYS[k])
            if type(log) ~= 'string' then
              if log then redis.call('DEL', KEYS[k]) end
              log = ''
            end
            count = math.floor(#log / 16)
            stamp = now
            oldest = false
            if count > 0 then
              local newest = tonumber(string.sub(log, -16))
              if newest > now then stamp = newest end
              oldest = tonumber(string.sub(log, 1, 16))
              if oldest <= cutoff then
                local lo, hi = 1, count
                while lo < hi do
                  local mid = math.floor((lo + hi) / 2)
                  if tonumber(string.sub(log, mid * 16 + 1, mid * 16 + 16)) <= cutoff then lo = mid + 1 else hi = mid end
                end
                log = string.sub(log, lo * 16 + 1)
                count = count - lo
                if count > 0 then oldest = tonumber(string.sub(log, 1, 16)) else oldest = false end
              end
            end
            logs[k] = log
            stamps[k] = stamp
            added[k] = 0
          else
            count = counts[k]
            oldest = oldests[k]
            stamp = stamps[k]
          end
          local allowed = 0
          if cost == 0 then
            if count < limit then allowed = 1 end
          elseif count + cost <= limit then
            added[k] = added[k] + cost
            count = count + cost
            allowed = 1
          end
          local reset = now
          if oldest then
            reset = oldest + window
          elseif count > 0 then
            reset = stamp + window
          end
          local retry = 0
          if allowed == 0 then
            local i = count + math.max(cost, 1) - limit
            if i * 16 <= #log then
              retry = tonumber(string.sub(log, i * 16 - 15, i * 16)) + window - now
            elseif i <= count then
              retry = stamp + window - now
            else
              retry = window
            end
          end
          if not oldest and count > 0 then oldest = stamp end
          counts[k] = count
          oldests[k] = oldest
          out[o + 1] = allowed
          out[o + 2] = limit - count
          out[o + 3] = reset
          out[o + 4] = retry
          o = o + 4
        end
        for k, n in pairs(added) do
          if n > 0 then
            local stamp = stamps[k]
            redis.call('SET', KEYS[k], logs[k] .. string.rep(string.format('%016.0f', stamp), n),
              'PX', math.ceil((stamp - now + window) / 1000) + 1000)
          end
        end
        return out
        """;

    /// <summary>
    /// Exact sliding-window log on a sorted set, for permit limits above <see cref="PackedLogMaxPermits"/>: one member per permit, scored with its grant time. A key's oldest
    /// member is read once per batch: only when it has left the window does the script trim (ZREMRANGEBYSCORE), and it
    /// is also the reset time and, one permit short, the retry-after; the count is then kept in Lua for the rest of
    /// the batch — a steady rejection costs TIME, ZRANGE, ZCARD once per key and batch, and nothing per further
    /// decision. A member is "&lt;now µs&gt;:&lt;count after the grant&gt;": unique without any id from the
    /// application, because inside one microsecond nothing leaves the window and the count only grows. Members are
    /// added in chunks (Lua's unpack has a stack limit). The key expires one window (plus one second, so that it
    /// never expires while a member still counts: Garnet's ZCARD can see an expired key's members) after its newest
    /// member — read back, so a member scored ahead of the server's clock (the clock stepped back) is not cut short;
    /// the expiry is set once per key and batch. A key that holds another type (the packed log of a limiter
    /// configured at or below <see cref="PackedLogMaxPermits"/> under the same prefix) is replaced.
    /// </summary>
    public const string Log = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local cutoff = now - window
        local prefix = string.format('%.0f:', now)
        local ttl = math.ceil(window / 1000) + 1000
        local counts = {}
        local oldests = {}
        local granted = {}
        local out = { now }
        local o = 1
        for a = 3, #ARGV, 2 do
          local k = tonumber(ARGV[a])
          local cost = tonumber(ARGV[a + 1])
          local key = KEYS[k]
          local count = counts[k]
          local oldest = oldests[k]
          if count == nil then
            local first = redis.pcall('ZRANGE', key, 0, 0, 'WITHSCORES')
            if first.err then
              redis.call('DEL', key)
              first = {}
            end
            oldest = first[2]
            if oldest and tonumber(oldest) <= cutoff then
              redis.call('ZREMRANGEBYSCORE', key, '-inf', cutoff)
              oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
            end
            if oldest then
              oldest = tonumber(oldest)
              count = redis.call('ZCARD', key)
            else
              oldest = false
              count = 0
            end
          end
          local allowed = 0
          if cost == 0 then
            if count < limit then allowed = 1 end
          elseif count + cost <= limit then
            local i = 1
            while i <= cost do
              local args = {}
              local n = 0
              while i <= cost and n < 1000 do
                args[2 * n + 1] = now
                args[2 * n + 2] = prefix .. (count + i)
                n = n + 1
                i = i + 1
              end
              redis.call('ZADD', key, unpack(args))
            end
            granted[k] = true
            count = count + cost
            allowed = 1
          end
          local reset = now
          if oldest then
            reset = oldest + window
          elseif count > 0 then
            reset = now + window
          end
          local retry = 0
          if allowed == 0 then
            local need = count + math.max(cost, 1) - limit
            if need == 1 and reset > now then
              retry = reset - now
            else
              local entry = redis.call('ZRANGE', key, need - 1, need - 1, 'WITHSCORES')[2]
              if entry then retry = tonumber(entry) + window - now else retry = window end
            end
          end
          if not oldest and count > 0 then oldest = now end
          counts[k] = count
          oldests[k] = oldest
          out[o + 1] = allowed
          out[o + 2] = limit - count
          out[o + 3] = reset
          out[o + 4] = retry
          o = o + 4
        end
        for k in pairs(granted) do
          local newest = tonumber(redis.call('ZRANGE', KEYS[k], -1, -1, 'WITHSCORES')[2])
          if newest > now then
            redis.call('PEXPIRE', KEYS[k], math.ceil((newest - now) / 1000) + ttl)
          else
            redis.call('PEXPIRE', KEYS[k], ttl)
          end
        end
        return out
        """;

    /// <summary>
    /// Approximate sliding-window counter on a hash { s = fixed window start, c = its count, p = previous window's
    /// count }: in use = c + ceil(p × share of the previous window still inside the sliding window). A key's hash is
    /// read once per batch and written once per batch, only when something was granted; the key expires when both
    /// counted windows have passed. Should the server's clock step back into an earlier window, the stored counts are
    /// kept (counted in the current window) rather than forgiven.
    /// </summary>
    public const string Counter = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local start = now - (now % window)
        local wend = start + window
        local cs = {}
        local ps = {}
        local dirty = {}
        local out = { now }
        local o = 1
        for a = 3, #ARGV, 2 do
          local k = tonumber(ARGV[a])
          local cost = tonumber(ARGV[a + 1])
          local c = cs[k]
          local p = ps[k]
          if c == nil then
            local state = redis.call('HMGET', KEYS[k], 's', 'c', 'p')
            local s = tonumber(state[1]) or start
            c = tonumber(state[2]) or 0
            p = tonumber(state[3]) or 0
            -- A stored window after this one (the server's clock stepped back): its counts still count.
            if s < start then
              if start - s == window then p = c else p = 0 end
              c = 0
            end
          end
          local used = c
          if p > 0 then used = used + math.ceil(p * (wend - now) / window) end
          local available = limit - used
          if available < 0 then available = 0 end
          local function wait(permits)
            if permits <= available then return 0 end
            local budget = limit - permits - c
            if budget >= 0 and p > 0 then
              return math.max(0, wend - math.floor(budget * window / p) - now)
            end
            if c == 0 then return math.max(0, wend - now) end
            return math.max(0, wend + window - math.floor((limit - permits) * window / c) - now)
          end
          local allowed = 0
          if cost == 0 then
            if available > 0 then allowed = 1 end
          elseif cost <= available then
            allowed = 1
            c = c + cost
            available = available - cost
            dirty[k] = true
          end
          local retry = 0
          if allowed == 0 then retry = wait(math.max(cost, 1)) end
          local reset = now
          if available < limit then reset = now + wait(available + 1) end
          cs[k] = c
          ps[k] = p
          out[o + 1] = allowed
          out[o + 2] = available
          out[o + 3] = reset
          out[o + 4] = retry
          o = o + 4
        end
        for k in pairs(dirty) do
          redis.call('HSET', KEYS[k], 's', string.format('%.0f', start), 'c', cs[k], 'p', ps[k])
          redis.call('PEXPIRE', KEYS[k], math.ceil((wend + window - now) / 1000))
        end
        return out
        """;
}
