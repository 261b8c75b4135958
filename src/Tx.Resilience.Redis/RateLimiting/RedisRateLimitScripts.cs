namespace Tx.Resilience.Redis.RateLimiting;

/// <summary>
/// The Lua scripts: one call per decision, atomic on the server, timed by the server's own clock (TIME) in
/// microseconds. KEYS[1] is the partition's key; ARGV is permit limit, window (µs), cost. Both return
/// { allowed (0/1), remaining, reset (µs since epoch), retry-after (µs), server now (µs) }.
/// </summary>
internal static class RedisRateLimitScripts
{
    /// <summary>
    /// Exact sliding-window log on a sorted set: one member per permit, scored with its grant time. The oldest
    /// member is read first: only when it has left the window does the script trim (ZREMRANGEBYSCORE), and it is
    /// also the reset time and, one permit short, the retry-after — a steady rejection costs TIME, ZRANGE, ZCARD. A member is
    /// "&lt;now µs&gt;:&lt;count after the grant&gt;": unique without any id from the application, because inside one
    /// microsecond nothing leaves the window and the count only grows. Members are added in chunks (Lua's
    /// unpack has a stack limit). The key expires one window (plus one second, so that it never expires while a
    /// member still counts: Garnet's ZCARD can see an expired key's members) after its newest member.
    /// </summary>
    public const string Log = """
        local key = KEYS[1]
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local cost = tonumber(ARGV[3])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local cutoff = now - window
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
        if oldest and tonumber(oldest) <= cutoff then
          redis.call('ZREMRANGEBYSCORE', key, '-inf', cutoff)
          oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
        end
        local count = 0
        if oldest then count = redis.call('ZCARD', key) end
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
              args[2 * n + 2] = string.format('%.0f:%d', now, count + i)
              n = n + 1
              i = i + 1
            end
            redis.call('ZADD', key, unpack(args))
          end
          redis.call('PEXPIRE', key, math.ceil(window / 1000) + 1000)
          count = count + cost
          allowed = 1
        end
        local reset = now
        if oldest then
          reset = tonumber(oldest) + window
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
        return { allowed, limit - count, reset, retry, now }
        """;

    /// <summary>
    /// Approximate sliding-window counter on a hash { s = fixed window start, c = its count, p = previous window's
    /// count }: in use = c + ceil(p × share of the previous window still inside the sliding window). Writes only
    /// on grants; the key expires when both counted windows have passed.
    /// </summary>
    public const string Counter = """
        local key = KEYS[1]
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local cost = tonumber(ARGV[3])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local start = now - (now % window)
        local state = redis.call('HMGET', key, 's', 'c', 'p')
        local s = tonumber(state[1]) or start
        local c = tonumber(state[2]) or 0
        local p = tonumber(state[3]) or 0
        if s ~= start then
          if start - s == window then p = c else p = 0 end
          c = 0
          s = start
        end
        local wend = s + window
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
          redis.call('HSET', key, 's', string.format('%.0f', s), 'c', c, 'p', p)
          redis.call('PEXPIRE', key, math.ceil((wend + window - now) / 1000))
        end
        local retry = 0
        if allowed == 0 then retry = wait(math.max(cost, 1)) end
        local reset = now
        if available < limit then reset = now + wait(available + 1) end
        return { allowed, available, reset, retry, now }
        """;
}
