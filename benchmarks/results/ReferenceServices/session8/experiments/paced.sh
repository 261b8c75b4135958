#!/usr/bin/env bash
# scratch: paced p99 of direct / yarp / gateway variants. env: LEVELS, DUR, ROUNDS, VARIANTS (name=envspec;args)
set -euo pipefail
ROOT=/work/main
BASE=${BASE_PORT:-4300}
OUT=${OUT:-/tmp/exp/out}
mkdir -p "$OUT"
. "$ROOT/benchmarks/ReferenceServices/system.sh"
export CLIENTS=50000
common=("--Logging:LogLevel:Default=Warning" "--Risk:VelocityLimit=100000000" "--Gateway:RateLimit:TrustForwardedFor=true")
start_system
PIDS=($APP)
declare -A URL PID
ROUTE=/api/currency/currency/rates
URL[direct]="http://127.0.0.1:$((BASE + 9))/currency/rates"; PID[direct]=$APP
port=$((BASE+50))
names=(direct)
while read -r name envs extra; do
  [ -z "$name" ] && continue
  env ${envs//,/ } dotnet "$GATEWAY" "${args[@]}" "${common[@]}" "--Services:gateway=http://127.0.0.1:$port" \
    "--ReferenceServices:DataDirectory=$DATA/$name" $extra >"$DATA/$name.log" 2>&1 &
  PID[$name]=$!; PIDS+=($!)
  URL[$name]="http://127.0.0.1:$port$ROUTE"; names+=("$name"); port=$((port+1))
done <<< "$VARIANTS"
trap 'kill ${PIDS[@]} 2>/dev/null; wait 2>/dev/null; rm -rf $DATA' EXIT
for n in "${names[@]}"; do wait_up "${URL[$n]}"; done
for n in "${names[@]}"; do wrk -t2 -c32 -d${WARMUP:-15s} -s $ROOT/benchmarks/ReferenceServices/clients.lua "${URL[$n]}" >/dev/null; done
echo "pids: $(for n in "${names[@]}"; do echo -n "$n=${PID[$n]} "; done)" | tee "$OUT/pids"
printf 'level\tround\ttarget\treq/s\tp50\tp90\tp99\tcpu_us\n' | tee "$OUT/paced.tsv"
for level in ${LEVELS:-16:4}; do
  c=${level%%:*}; pace=${level##*:}
  for r in $(seq 1 ${ROUNDS:-2}); do
    if ((r % 2)); then order=("${names[@]}"); else order=($(printf '%s\n' "${names[@]}" | tac)); fi
    for n in "${order[@]}"; do
      b=$(cpu_ticks ${PID[$n]})
      PACE_MS=$pace wrk -t2 -c$c -d${DUR:-20s} --latency -s $ROOT/benchmarks/ReferenceServices/clients.lua "${URL[$n]}" > "$OUT/$level-$r-$n.txt"
      a=$(cpu_ticks ${PID[$n]}); req=$(awk '/requests in/{print $1}' "$OUT/$level-$r-$n.txt")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\n' $level $r $n "$(awk '/Requests\/sec/{print $2}' "$OUT/$level-$r-$n.txt")" \
        "$(awk '/ 50%/{print $2}' "$OUT/$level-$r-$n.txt")" "$(awk '/ 90%/{print $2}' "$OUT/$level-$r-$n.txt")" "$(awk '/ 99%/{print $2}' "$OUT/$level-$r-$n.txt")" \
        "$(echo "($a - $b) * 10000 / $req" | bc -l)" | tee -a "$OUT/paced.tsv"
    done
  done
done
