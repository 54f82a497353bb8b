#!/usr/bin/env bash
# Run clang-tidy (configuration: .clang-tidy) over the sources of sim/, 2 jobs.
#
# Needs the compile database of the release build:
#   cmake --preset release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
# Usage: tools/tidy.sh [-j N] [path-regex ...]
#   path regexes select files (default: the whole of sim/), e.g. tools/tidy.sh sim/core/
# Prints clang-tidy's output, then the findings per check (a finding in a header
# counts once, however many files include it). Exits 1 if there are findings.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$repo/build/release"
jobs=2
if [[ "${1:-}" == "-j" ]]; then jobs="$2"; shift 2; fi
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "tidy.sh: $build/compile_commands.json is missing; run:" >&2
  echo "  cmake --preset release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON" >&2
  exit 2
fi
runner="$(command -v run-clang-tidy || command -v run-clang-tidy-14 || true)"
if [[ -z "$runner" ]]; then echo "tidy.sh: run-clang-tidy not found" >&2; exit 2; fi

if [[ $# -eq 0 ]]; then set -- "$repo/sim/"; fi
# Anchor the selections at the repository so build/release/sim/*.cpp (generated) is left out.
patterns=()
for p in "$@"; do patterns+=("^$repo/${p#"$repo/"}"); done

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cd "$repo"
"$runner" -quiet -j "$jobs" -p "$build" -extra-arg=-Wno-unknown-warning-option "${patterns[@]}" 2>/dev/null \
  | sed -E 's/\x1b\[[0-9;]*m//g' | tee "$log" || true  # run-clang-tidy 14 always colours

findings="$(grep -oE '^/[^ ]+:[0-9]+:[0-9]+: (warning|error): .* \[[a-z0-9.,-]+\]$' "$log" | sort -u || true)"
if [[ -z "$findings" ]]; then
  echo "tidy.sh: no findings"
  exit 0
fi
echo
echo "tidy.sh: findings per check (unique file:line:check)"
sed -E 's/.*\[([a-z0-9.,-]+)\]$/\1/' <<<"$findings" | sort | uniq -c | sort -rn
echo "tidy.sh: $(wc -l <<<"$findings") findings"
exit 1
