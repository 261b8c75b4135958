#!/usr/bin/env bash
# Regenerates Tx.Libraries.sln from every project under src/, tests/, benchmarks/ and samples/.
# The solution is derived data: when two branches both add projects, run this instead of merging it.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f Tx.Libraries.sln
dotnet new sln -n Tx.Libraries --format sln >/dev/null
for kind in src tests benchmarks samples; do
  [ -d "$kind" ] || continue
  mapfile -t projects < <(find "$kind" -name '*.csproj' -not -path '*/obj/*' -not -path '*/bin/*' | LC_ALL=C sort)
  [ ${#projects[@]} -gt 0 ] && dotnet sln Tx.Libraries.sln add --solution-folder "$kind" "${projects[@]}" >/dev/null
done
echo "Tx.Libraries.sln: $(grep -c '^Project(.*csproj' Tx.Libraries.sln) projects"
