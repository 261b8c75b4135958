#!/usr/bin/env bash
# The one test command: installs and starts what the tests need (MariaDB, PostgreSQL, Redis) when it
# is missing, creates the test users and databases, builds the solution and runs every test.
# Safe to run again. Ends with: tests: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Allow "eng/test.sh --no-services" for a quick run of the tests that need no server.
with_services=1
[ "${1:-}" = "--no-services" ] && { with_services=0; shift; }

if [ "$with_services" = 1 ]; then
  bash eng/services.sh || { echo "services failed to start"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi
export TX_MYSQL="${TX_MYSQL:-Server=127.0.0.1;Port=3306;User ID=tx;Password=tx;Database=tx_tests}"
export TX_POSTGRES="${TX_POSTGRES:-Host=127.0.0.1;Port=5432;Username=tx;Password=tx;Database=tx_tests}"
export TX_REDIS="${TX_REDIS:-127.0.0.1:6379}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
echo "== build"
if ! dotnet build Tx.Libraries.sln -c Release -nologo -clp:ErrorsOnly "$@" > "$log" 2>&1; then
  tail -n 60 "$log"
  echo "build failed"
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== test"
results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test Tx.Libraries.sln -c Release --no-build -nologo \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m "$@" 2>&1 | tee "$log" | grep -vE "^\s*$" || true

# Sum the per-assembly summary lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 1, Total: 13, ...".
read -r passed failed skipped assemblies < <(grep -E "(Passed|Failed|Skipped)! +- +Failed:" "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6; n++ } END { printf "%d %d %d %d\n", p, f, s, n }')
expected=$(find tests -name '*.Tests.csproj' -not -path '*/obj/*' | wc -l)
if [ "$assemblies" -lt "$expected" ]; then
  echo "only $assemblies of $expected test assemblies reported results (a crash or hang?)"
  failed=$((failed + expected - assemblies))
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
