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
    if s ~= start then
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