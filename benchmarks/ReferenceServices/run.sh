#!/usr/bin/env bash
# Load test of the reference services with wrk (issue 8), on loopback, Release build.
#   benchmarks/ReferenceServices/run.sh [duration=15s] [connections=32]
# Starts the whole system (one process, embedded backends) on BASE_PORT..BASE_PORT+12 plus a second gateway process
# with Gateway:PlainProxy=true (YARP, same routes, no policies), then runs wrk against the same GET
#   1. the currency service directly, 2. through plain YARP, 3. through the gateway with every policy on
# (per-IP limit in the embedded Garnet, breaker, bulkhead, security headers, CORS, compression),
# 3b. through the same gateway started as a process of its own (like plain YARP), and finally
# 4. transfers end to end through the gateway (POST /api/transaction/transactions).
# The limit is raised to 1,000,000 per window so the limiter still runs (one Garnet round trip per request) but
# never rejects; the risk service's velocity rule is raised likewise so transfers are not rejected as too fast.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${1:-15s}
CONNECTIONS=${2:-32}
BASE=${BASE_PORT:-4300}
OUT=${OUT:-$ROOT/benchmarks/results/ReferenceServices}
BIN=$ROOT/artifacts/bin
APPHOST=$BIN/ReferenceServices.AppHost/release/ReferenceServices.AppHost.dll
GATEWAY=$BIN/ApiGateway/release/ApiGateway.dll
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$APPHOST" ] || dotnet build -c Release "$ROOT/samples/ReferenceServices/ReferenceServices.AppHost"
mkdir -p "$OUT"
DATA=$(mktemp -d)
names=(gateway user account transaction payment notification audit analytics risk currency settlement reporting eventstore)
args=()
for i in "${!names[@]}"; do args+=("--Services:${names[$i]}=http://127.0.0.1:$((BASE + i))"); done
common=("--Logging:LogLevel:Default=Warning" "--Gateway:RateLimit:PermitLimit=1000000" "--Risk:VelocityLimit=100000000")
PLAIN_PORT=$((BASE + 50))
POLICY_PORT=$((BASE + 51))

dotnet "$APPHOST" "${args[@]}" "${common[@]}" "--ReferenceServices:DataDirectory=$DATA/system" >"$DATA/apphost.log" 2>&1 &
APP=$!
dotnet "$GATEWAY" "${args[@]}" "${common[@]}" "--Services:gateway=http://127.0.0.1:$PLAIN_PORT" "--Gateway:PlainProxy=true" \
  "--ReferenceServices:DataDirectory=$DATA/plain" >"$DATA/plain.log" 2>&1 &
PLAIN=$!
# The same gateway with every policy on, also in a process of its own (with its own embedded Garnet), so it is compared
# with plain YARP on equal terms; the gateway inside the AppHost shares its process with the twelve services.
dotnet "$GATEWAY" "${args[@]}" "${common[@]}" "--Services:gateway=http://127.0.0.1:$POLICY_PORT" \
  "--ReferenceServices:DataDirectory=$DATA/policy" >"$DATA/policy.log" 2>&1 &
POLICY=$!
cleanup() { kill "$APP" "$PLAIN" "$POLICY" 2>/dev/null || true; wait "$APP" "$PLAIN" "$POLICY" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

DIRECT_URL="http://127.0.0.1:$((BASE + 9))/currency/rates"
PLAIN_URL="http://127.0.0.1:$PLAIN_PORT/api/currency/currency/rates"
GATEWAY_URL="http://127.0.0.1:$BASE/api/currency/currency/rates"
POLICY_URL="http://127.0.0.1:$POLICY_PORT/api/currency/currency/rates"
for url in "$DIRECT_URL" "$PLAIN_URL" "$GATEWAY_URL" "$POLICY_URL"; do
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$url" && break; sleep 0.2; done
  curl -fs -o /dev/null "$url" || { echo "not up: $url" >&2; cat "$DATA"/*.log >&2; exit 1; }
done

run() { # name url [wrk args...]
  local name=$1 url=$2
  shift 2
  wrk -t2 -c"$CONNECTIONS" -d3s "$@" "$url" >/dev/null # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" | tee "$OUT/wrk-$name.txt"
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk -t2 -c$CONNECTIONS -d$DURATION --latency (3 s warm-up each)"
} | tee "$OUT/environment.txt"
for round in 1 2; do
  run "direct-$round" "$DIRECT_URL"
  run "yarp-plain-$round" "$PLAIN_URL"
  run "gateway-$round" "$GATEWAY_URL"
  run "gateway-own-process-$round" "$POLICY_URL"
done
TRANSFER_CONNECTIONS=${TRANSFER_CONNECTIONS:-16}
wrk -t2 -c"$TRANSFER_CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/benchmarks/ReferenceServices/transfer.lua" \
  "http://127.0.0.1:$BASE/api/transaction/transactions" | tee "$OUT/wrk-transfers.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
