#!/usr/bin/env bash
# Load test of the reference services with wrk (issue 8), on loopback, Release build.
#   benchmarks/ReferenceServices/run.sh [duration=8s] [connections=32]
#   env: ROUNDS (3), WARMUP (20s per target, before the first round), TRANSFER_CONNECTIONS (16), OUT, BASE_PORT,
#        CLIENTS (50000; 0 = the one-client mode below), PACED_LEVELS ("4:8 16:4"), PACED_ROUNDS (3),
#        PACED_DURATION (20s)
# Run it under the machine's benchmark lock: flock /tmp/bench.lock nice -n -19 benchmarks/ReferenceServices/run.sh
#
# Starts the whole system (one process, embedded backends) on BASE_PORT..BASE_PORT+12 and five gateway processes of
# their own, all routing to the system's services:
#   yarp-plain         Gateway:PlainProxy=true — YARP with the same routes and no policies (the anchor)
#   gateway-own-process the gateway with every policy on (per-IP limit in its embedded Garnet, breaker, bulkhead,
#                      security headers, CORS, compression, X-Service, X-RateLimit-*)
#   gateway-garnet-tcp the gateway with every policy on, its limiter calling the embedded Garnet over loopback TCP through
#                      StackExchange.Redis (Gateway:RateLimit:EmbeddedInProcess=false) instead of in process — the
#                      session-4 path before the in-process one, kept to measure the difference in the same run
#   gateway-no-limiter the same with Gateway:BenchmarkWithoutRateLimit=true (every policy but the limit), so the
#                      limiter's share of the cost is measured in the same run
#   gateway-inline-io  the gateway with every policy on and Gateway:InlineIo=true (requests handled on the socket
#                      threads, no thread-pool hand-offs; see ApiGateway/InlineIo.cs)
# and wrk sends the same GET to: the currency service directly, each of the three, and the gateway inside the system's
# process (which shares its process with the twelve services). Every target is warmed up for WARMUP first (the JIT's
# tiering and the limiter's script reach steady state), then ROUNDS rounds run the targets back to back, in reverse
# order every other round, so the proxies see the same machine state. For the proxies in processes of their own the
# script also records CPU time per request (user + system, from /proc) — steadier than the rate on a shared machine.
# Finally: transfers end to end through the gateway (POST /api/transaction/transactions).
# Clients: by default every request carries a random X-Forwarded-For address out of CLIENTS (clients.lua) and the
# gateways trust it (Gateway:RateLimit:TrustForwardedFor=true), with the guide's limit (100 per 15 minutes per client):
# one window per client, each far below its limit, as behind a load balancer in production. CLIENTS=0 is the
# session-3/4 mode: every request from the one source address, the limit raised to 1,000,000 per window so nothing is
# rejected (that client's window then grows by one entry per request, to several hundred thousand).
# The risk service's velocity rule is raised so transfers are not rejected as too fast.
# Latency at a fixed offered load (the "p99 added" row): after the rounds, for each level "connections:pace" of
# PACED_LEVELS, that many connections each wait pace ms after every response (clients.lua's delay), at most
# connections * 1000 / pace requests per second offered, below every proxy's saturation, so p99 is the latency a proxy
# adds rather than its queue at saturation. PACED_ROUNDS rounds of PACED_DURATION per level and target (20 s: at 4:8
# that is about 9,000 requests, so the p99 is not decided by a few dozen), order reversed every other round; paced-gap.tsv
# lists each proxy's p99 minus the direct call's p99 of the same level and round.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${1:-8s}
CONNECTIONS=${2:-32}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-20s}
BASE=${BASE_PORT:-4300}
OUT=${OUT:-$ROOT/benchmarks/results/ReferenceServices}
# shellcheck source=system.sh
. "$ROOT/benchmarks/ReferenceServices/system.sh"
mkdir -p "$OUT"
CLIENTS=${CLIENTS:-50000}
export CLIENTS
common=("--Logging:LogLevel:Default=Warning" "--Risk:VelocityLimit=100000000")
WRK_SCRIPT=()
if ((CLIENTS > 0)); then
  common+=("--Gateway:RateLimit:TrustForwardedFor=true")
  WRK_SCRIPT=(-s "$ROOT/benchmarks/ReferenceServices/clients.lua")
else
  common+=("--Gateway:RateLimit:PermitLimit=1000000")
fi
PLAIN_PORT=$((BASE + 50))
POLICY_PORT=$((BASE + 51))
NOLIMIT_PORT=$((BASE + 52))
TCP_PORT=$((BASE + 54))
INLINE_PORT=$((BASE + 55))

start_system
start_gateway "$PLAIN_PORT" plain "--Gateway:PlainProxy=true"
PLAIN=$!
start_gateway "$POLICY_PORT" policy
POLICY=$!
start_gateway "$NOLIMIT_PORT" nolimit "--Gateway:BenchmarkWithoutRateLimit=true"
NOLIMIT=$!
start_gateway "$TCP_PORT" garnettcp "--Gateway:RateLimit:EmbeddedInProcess=false"
GARNETTCP=$!
start_gateway "$INLINE_PORT" inline "--Gateway:InlineIo=true"
INLINE=$!
cleanup() {
  kill "$APP" "$PLAIN" "$POLICY" "$NOLIMIT" "$GARNETTCP" "$INLINE" 2>/dev/null || true
  wait "$APP" "$PLAIN" "$POLICY" "$NOLIMIT" "$GARNETTCP" "$INLINE" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

ROUTE=/api/currency/currency/rates
declare -A URL=(
  [direct]="http://127.0.0.1:$((BASE + 9))/currency/rates"
  [yarp-plain]="http://127.0.0.1:$PLAIN_PORT$ROUTE"
  [gateway-own-process]="http://127.0.0.1:$POLICY_PORT$ROUTE"
  [gateway-no-limiter]="http://127.0.0.1:$NOLIMIT_PORT$ROUTE"
  [gateway-garnet-tcp]="http://127.0.0.1:$TCP_PORT$ROUTE"
  [gateway-inline-io]="http://127.0.0.1:$INLINE_PORT$ROUTE"
  [gateway-in-apphost]="http://127.0.0.1:$BASE$ROUTE"
)
declare -A PID=([direct]=$APP [yarp-plain]=$PLAIN [gateway-own-process]=$POLICY [gateway-no-limiter]=$NOLIMIT
  [gateway-garnet-tcp]=$GARNETTCP [gateway-inline-io]=$INLINE [gateway-in-apphost]=$APP)
ORDER=(yarp-plain gateway-own-process gateway-inline-io gateway-garnet-tcp gateway-no-limiter gateway-in-apphost direct)
for name in "${ORDER[@]}"; do
  wait_up "${URL[$name]}"
done

SUMMARY=$OUT/summary.tsv
run() { # round name
  local round=$1 name=$2 file before after requests
  file="$OUT/wrk-$name-$round.txt"
  before=$(cpu_ticks "${PID[$name]}")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${WRK_SCRIPT[@]}" "${URL[$name]}" >"$file"
  after=$(cpu_ticks "${PID[$name]}")
  requests=$(awk '/requests in/{print $1}' "$file")
  # CPU per request of the process serving the target (clock ticks of 10 ms); for direct and gateway-in-apphost that
  # process is the whole system, so the figure covers every service.
  printf '%s\t%s\t%s\t%s\t%s\t%.1f\n' "$round" "$name" "$(awk '/Requests\/sec/{print $2}' "$file")" \
    "$(awk '/ 50%/{print $2}' "$file")" "$(awk '/ 99%/{print $2}' "$file")" \
    "$(echo "($after - $before) * 10000 / $requests" | bc -l)" | tee -a "$SUMMARY"
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk -t2 -c$CONNECTIONS -d$DURATION --latency; warm-up $WARMUP per target; $ROUNDS rounds, order reversed every other round"
  echo "clients: $CLIENTS (0 = one client, limit 1,000,000); paced levels (connections:ms between requests): ${PACED_LEVELS:-4:8 16:4}, ${PACED_ROUNDS:-3} rounds of ${PACED_DURATION:-20s} each"
} | tee "$OUT/environment.txt"
for name in "${ORDER[@]}"; do wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${WRK_SCRIPT[@]}" "${URL[$name]}" >/dev/null; done
printf 'round\ttarget\treq/s\tp50\tp99\tcpu_us_per_request\n' | tee "$SUMMARY"
for round in $(seq 1 "$ROUNDS"); do
  echo "load average at round $round: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
  if ((round % 2)); then names_in_order=("${ORDER[@]}"); else mapfile -t names_in_order < <(printf '%s\n' "${ORDER[@]}" | tac); fi
  for name in "${names_in_order[@]}"; do run "$round" "$name"; done
done
PACED=$OUT/paced.tsv
PACED_ORDER=(direct yarp-plain gateway-own-process gateway-inline-io)
printf 'level\tround\ttarget\treq/s\tp50\tp90\tp99\n' | tee "$PACED"
for level in ${PACED_LEVELS:-4:8 16:4}; do
  paced_connections=${level%%:*}
  pace=${level##*:}
  for round in $(seq 1 "${PACED_ROUNDS:-3}"); do
    if ((round % 2)); then names_in_order=("${PACED_ORDER[@]}"); else mapfile -t names_in_order < <(printf '%s\n' "${PACED_ORDER[@]}" | tac); fi
    for name in "${names_in_order[@]}"; do
      file="$OUT/wrk-paced-$paced_connections-$pace-$name-$round.txt"
      PACE_MS=$pace wrk -t2 -c"$paced_connections" -d"${PACED_DURATION:-20s}" --latency -s "$ROOT/benchmarks/ReferenceServices/clients.lua" \
        "${URL[$name]}" >"$file"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$level" "$round" "$name" "$(awk '/Requests\/sec/{print $2}' "$file")" \
        "$(awk '/ 50%/{print $2}' "$file")" "$(awk '/ 90%/{print $2}' "$file")" "$(awk '/ 99%/{print $2}' "$file")" | tee -a "$PACED"
    done
  done
done
# p99 added over the direct call, per level and round (wrk prints us or ms).
awk -F'\t' 'function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v * 1000 }
  NR > 1 { p99[$1 FS $2 FS $3] = ms($7); if ($3 == "direct") direct[$1 FS $2] = ms($7); else key[$1 FS $2 FS $3] = $1 FS $2 }
  END { print "level\tround\ttarget\tp99_ms\tdirect_p99_ms\tadded_ms"
        for (k in key) printf "%s\t%.2f\t%.2f\t%+.2f\n", k, p99[k], direct[key[k]], p99[k] - direct[key[k]] }' "$PACED" |
  { read -r header; echo "$header"; sort; } | tee "$OUT/paced-gap.tsv"
TRANSFER_CONNECTIONS=${TRANSFER_CONNECTIONS:-16}
wrk -t2 -c"$TRANSFER_CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/benchmarks/ReferenceServices/transfer.lua" \
  "http://127.0.0.1:$BASE/api/transaction/transactions" | tee "$OUT/wrk-transfers.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
