-- POST a 0.01 USD transfer alice -> bob (seed accounts); counts COMPLETED / FAILED bodies.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"userId":"alice","type":"transfer","amount":0.01,"fromAccount":"acc-alice-usd","toAccount":"acc-bob-usd","currency":"USD"}'

-- Each transfer carries a random X-Forwarded-For out of CLIENTS addresses: clients.lua's request function, so a gateway
-- that trusts the header limits per client (the guide's 100 per 15 minutes) instead of refusing the one benchmark client.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "clients.lua")
local client_setup, client_init = setup, init
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  client_setup(thread)
end

function init(args)
  completed = 0
  failed = 0
  other = 0
  client_init(args)
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
