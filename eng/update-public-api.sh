#!/usr/bin/env bash
# Brings src/<Project>/PublicAPI.Unshipped.txt in line with the code: adds what RS0016 reports as
# undeclared and drops what RS0017 reports as gone. Review the diff: it is the public surface you ship.
# Usage: eng/update-public-api.sh src/Tx.Resilience [src/Tx.Cqrs ...]
set -euo pipefail
for dir in "$@"; do
  dir=${dir%/}
  proj=$(ls "$dir"/*.csproj)
  unshipped="$dir/PublicAPI.Unshipped.txt"
  log=$(mktemp)
  dotnet build "$proj" --no-incremental -p:TreatWarningsAsErrors=false -clp:NoSummary >"$log" 2>&1 || true
  added=$(grep -oP "RS0016: Symbol '\K.*?(?=' is not part of the declared public API)" "$log" | sort -u || true)
  removed=$(grep -oP "RS0017: Symbol '\K.*?(?=' is part of the declared API)" "$log" | sort -u || true)
  tmp=$(mktemp)
  { echo "#nullable enable"; grep -v '^#nullable' "$unshipped" || true; [ -n "$added" ] && printf '%s\n' "$added"; } > "$tmp"
  if [ -n "$removed" ]; then
    grep -vxF -f <(printf '%s\n' "$removed") "$tmp" > "$tmp.2" || true
    mv "$tmp.2" "$tmp"
  fi
  { echo "#nullable enable"; grep -v '^#nullable' "$tmp" | grep -v '^$' | LC_ALL=C sort -u; } > "$unshipped"
  rm -f "$tmp" "$log"
  echo "$unshipped: +$(printf '%s' "$added" | grep -c . || true) -$(printf '%s' "$removed" | grep -c . || true)"
done
