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
    oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
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
  redis.call('PEXPIRE', KEYS[k], ttl)
end
return out