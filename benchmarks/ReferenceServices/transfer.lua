-- POST a 0.01 USD transfer alice -> bob (seed accounts); counts COMPLETED / FAILED bodies.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"userId":"alice","type":"transfer","amount":0.01,"fromAccount":"acc-alice-usd","toAccount":"acc-bob-usd","currency":"USD"}'

-- Each transfer carries a random X-Forwarded-For out of CLIENTS addresses, as in clients.lua, so a gateway that trusts
-- the header limits per client (the guide's 100 per 15 minutes) instead of refusing the one benchmark client.
local clients = math.max(1, tonumber(os.getenv("CLIENTS") or "50000"))
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  completed = 0
  failed = 0
  other = 0
  math.randomseed(os.time() * 100 + id)
end

function request()
  local i = math.random(0, clients - 1)
  local address = "10." .. math.floor(i / 65536) % 256 .. "." .. math.floor(i / 256) % 256 .. "." .. i % 256
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["X-Forwarded-For"] = address
  return wrk.format(nil, nil, headers)
end

function response(status, headers, body)
  if body:find('"COMPLETED"', 1, true) then
    completed = completed + 1
  elseif body:find('"FAILED"', 1, true) then
    failed = failed + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, f, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("completed")
    f = f + t:get("failed")
    o = o + t:get("other")
  end
  io.write(string.format("transactions: completed=%d failed=%d other=%d\n", c, f, o))
end
