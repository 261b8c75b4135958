# Shared by run.sh and flood.sh (sourced, not run): the Release binaries, the whole system in one process on
# BASE..BASE+12, gateway processes of their own routing to it, readiness, and CPU time of a process.
# The caller sets ROOT and BASE first, and `common` (extra arguments for every process) before starting anything.
BIN=$ROOT/artifacts/bin
APPHOST=$BIN/ReferenceServices.AppHost/release/ReferenceServices.AppHost.dll
GATEWAY=$BIN/ApiGateway/release/ApiGateway.dll
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$APPHOST" ] || dotnet build -c Release "$ROOT/samples/ReferenceServices/ReferenceServices.AppHost"
DATA=$(mktemp -d)
names=(gateway user account transaction payment notification audit analytics risk currency settlement reporting eventstore)
args=()
for i in "${!names[@]}"; do args+=("--Services:${names[$i]}=http://127.0.0.1:$((BASE + i))"); done

start_system() { # the twelve services and the gateway in one process; its pid in APP
  dotnet "$APPHOST" "${args[@]}" "${common[@]}" "--ReferenceServices:DataDirectory=$DATA/system" >"$DATA/apphost.log" 2>&1 &
  APP=$!
}

start_gateway() { # port name [args...]: a gateway process of its own; its pid is $! afterwards
  local port=$1 name=$2
  shift 2
  dotnet "$GATEWAY" "${args[@]}" "${common[@]}" "--Services:gateway=http://127.0.0.1:$port" \
    "--ReferenceServices:DataDirectory=$DATA/$name" "$@" >"$DATA/$name.log" 2>&1 &
}

wait_up() { # url: up to 60 s for a 2xx, else the logs and exit
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "not up: $1" >&2
  cat "$DATA"/*.log >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system clock ticks (10 ms) of a process
