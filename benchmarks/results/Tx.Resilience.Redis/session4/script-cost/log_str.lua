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
    count = #log / 16
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
    local stored = #log / 16
    if i <= stored then
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
    redis.call('SET', KEYS[k], logs[k] .. string.rep(string.format('%016.0f', stamp), n), 'PX', math.ceil((stamp - now + window) / 1000) + 1000)
  end
end
return out
