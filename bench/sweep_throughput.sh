#!/usr/bin/env bash
# Sweep throughput (issue 6): runs per second of scenarios/sweeps/oita_sobol.toml (768
# points x 8 replicates = 6,144 Oita runs) for 1 and 2 threads in one process, and for 1
# and 2 MPI ranks of one thread each. A benchmark, not a test: it prints the figures for
# the closing note and docs/cluster.md.
#
#   bash bench/sweep_throughput.sh [path/to/tsunagi]     (default build/release/sim/tsunagi)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/sim/tsunagi}"
sweep=scenarios/sweeps/oita_sobol.toml
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader \
       OMPI_MCA_btl_vader_single_copy_mechanism=none
runs=$(( $(grep -E '^samples' "$sweep" | tr -dc 0-9) * 6 * $(grep -E '^replicates' "$sweep" | tr -dc 0-9) ))

measure() {  # label, command...
  local label=$1; shift
  rm -f "$dir"/out.h5*
  local t0 t1
  t0=$(date +%s.%N)
  "$@" -o "$dir/out.h5" -q > /dev/null
  t1=$(date +%s.%N)
  awk -v l="$label" -v r="$runs" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-22s %7.2f s  %8.0f runs/s\n", l, b - a, r / (b - a) }'
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)  runs per sweep: $runs"
measure "1 rank, 1 thread" "$bin" sweep "$sweep" --threads 1
measure "1 rank, 2 threads" "$bin" sweep "$sweep" --threads 2
if command -v mpirun > /dev/null; then
  measure "2 ranks, 1 thread each" mpirun --oversubscribe -np 2 "$bin" sweep "$sweep" --threads 1
else
  echo "2 ranks: mpirun not installed (openmpi-bin)"
fi
