-- Many clients behind one trusted proxy: every request carries an X-Forwarded-For address drawn at random from
-- CLIENTS addresses (10.0.0.0/8), so the gateway's per-IP limiter (which trusts the header when
-- Gateway:RateLimit:TrustForwardedFor=true) keeps one window per client, as in production, instead of one window for
-- the benchmark's single source address. Optional pacing: PACE_MS > 0 makes each connection wait that long after a
-- response before its next request, so the offered rate is at most connections * 1000 / PACE_MS per second.
local clients = math.max(1, tonumber(os.getenv("CLIENTS") or "50000"))
local pace = tonumber(os.getenv("PACE_MS") or "0")

local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

function init(args)
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

if pace > 0 then
  function delay()
    return pace
  end
end
