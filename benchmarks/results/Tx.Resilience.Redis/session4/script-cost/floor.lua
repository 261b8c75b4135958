local t = redis.call('TIME')
local out = { 1 }
local o = 1
for a = 3, #ARGV, 2 do
  local k = tonumber(ARGV[a])
  local log = redis.call('GET', KEYS[k]) or ''
  redis.call('SET', KEYS[k], log .. '1764000000000000', 'PX', 901000)
  out[o + 1] = 1; out[o + 2] = 1; out[o + 3] = 1; out[o + 4] = 1; o = o + 4
end
return out
