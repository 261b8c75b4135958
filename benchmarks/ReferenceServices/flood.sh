#!/usr/bin/env bash
# One client over its limit floods the gateway: every response is a 429. Rejection cache on vs off, in process and TCP.
#   benchmarks/ReferenceServices/flood.sh   (env: OUT, ROUNDS=3, DURATION=8s, WARMUP=10s, BASE_PORT=4700); run it under the benchmark lock:
#   flock /tmp/bench.lock nice -n -19 benchmarks/ReferenceServices/flood.sh
# Four gateway processes of their own route to one system process; wrk sends every request from 127.0.0.1 with the
# guide's limit (100 per 15 minutes), so after the warm-up every answer is a 429.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BASE=${BASE_PORT:-4700}
# shellcheck source=system.sh
. "$ROOT/benchmarks/ReferenceServices/system.sh"
OUT=${OUT:-$ROOT/benchmarks/results/ReferenceServices/flood}; mkdir -p "$OUT"
common=("--Logging:LogLevel:Default=Warning")
start_system
declare -A PID PORT
sg() { start_gateway "$@"; PID[$2]=$!; PORT[$2]=$1; }
sg $((BASE+50)) inproc-remembered
sg $((BASE+51)) inproc-ask-every-time --Gateway:RateLimit:RejectionCacheMaxKeys=0
sg $((BASE+52)) tcp-remembered --Gateway:RateLimit:EmbeddedInProcess=false
sg $((BASE+53)) tcp-ask-every-time --Gateway:RateLimit:EmbeddedInProcess=false --Gateway:RateLimit:RejectionCacheMaxKeys=0
trap 'kill $APP ${PID[@]} 2>/dev/null; wait 2>/dev/null; rm -rf $DATA' EXIT
ORDER=(inproc-remembered inproc-ask-every-time tcp-remembered tcp-ask-every-time)
R=/api/currency/currency/rates
for n in "${ORDER[@]}"; do wait_up "http://127.0.0.1:${PORT[$n]}$R"; done
# exhaust each client's window and warm up
for n in "${ORDER[@]}"; do wrk -t2 -c32 -d${WARMUP:-10s} "http://127.0.0.1:${PORT[$n]}$R" >/dev/null; done
printf 'round\ttarget\treq/s\tp50\tp99\tcpu_us_per_request\tstatus\n' | tee $OUT/flood.tsv
for round in $(seq 1 ${ROUNDS:-3}); do
  if ((round % 2)); then o=("${ORDER[@]}"); else o=($(printf '%s\n' "${ORDER[@]}" | tac)); fi
  for n in "${o[@]}"; do f=$OUT/wrk-$n-$round.txt
    before=$(cpu_ticks ${PID[$n]})
    wrk -t2 -c32 -d${DURATION:-8s} --latency "http://127.0.0.1:${PORT[$n]}$R" > $f
    after=$(cpu_ticks ${PID[$n]})
    requests=$(awk '/requests in/{print $1}' $f)
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[$n]}$R")
    printf '%s\t%s\t%s\t%s\t%s\t%.1f\t%s\n' "$round" "$n" "$(awk '/Requests\/sec/{print $2}' $f)" "$(awk '/ 50%/{print $2}' $f)" "$(awk '/ 99%/{print $2}' $f)" "$(echo "($after - $before) * 10000 / $requests" | bc -l)" "$status" | tee -a $OUT/flood.tsv
  done
done
