#!/usr/bin/env bash
# Longer fuzzing run that keeps what it learns: every target of tests/fuzz for
# TSUNAGI_FUZZ_SECONDS seconds (default 600), two targets at a time, each on a working
# corpus in CORPUS_DIR/<target>/ (first seeded from tests/fuzz/corpus/<target>/). New
# interesting inputs stay in CORPUS_DIR; crashes, leaks and timeouts are written to
# CORPUS_DIR/findings/<target>/ (HDF5-library reports included: tests/fuzz/README.md says
# how to tell them apart). Prints executions, coverage and findings per target.
#
#   bash bench/fuzz_long.sh out/fuzz_corpus                         # 10 minutes a target
#   TSUNAGI_FUZZ_SECONDS=180 bash bench/fuzz_long.sh out/fuzz_corpus fuzz_scenario
# To fold the working corpus back into the seeds (minimised):
#   build/fuzz/tests/fuzz/<target> -merge=1 tests/fuzz/corpus/<target> out/fuzz_corpus/<target>
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash bench/fuzz_long.sh CORPUS_DIR [TARGET...]" >&2; exit 2; }
out="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
seconds="${TSUNAGI_FUZZ_SECONDS:-600}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_scenario fuzz_municipality_csv fuzz_overrides fuzz_experiment_spec
                                      fuzz_sweep_spec fuzz_result_file)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target tsunagi_fuzzers -- -j2
bin="$PWD/build/fuzz/tests/fuzz"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_one() {
  local t=$1
  mkdir -p "$out/$t" "$out/findings/$t" "$out/logs"
  [ -n "$(ls -A "$out/$t")" ] || cp -r "tests/fuzz/corpus/$t/." "$out/$t/"
  local dict=()
  [ "$t" != fuzz_result_file ] && dict=(-dict="$PWD/tests/fuzz/toml.dict")
  # Fork mode goes on past a finding, so that one run reports them all.
  TMPDIR="$(mktemp -d)" "$bin/$t" "$out/$t" "${dict[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -artifact_prefix="$out/findings/$t/" \
    -print_final_stats=1 >"$out/logs/$t.log" 2>&1 || true
  local line
  line=$(grep -E '^#[0-9]+' "$out/logs/$t.log" | tail -1 || true)
  printf '%-24s %s  findings: %s\n' "$t" "$line" "$(ls "$out/findings/$t" | wc -l)"
}

start=$(date +%s)
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run_one "${targets[i]}" &
  [ $((i + 1)) -lt ${#targets[@]} ] && run_one "${targets[i + 1]}" &
  wait
done
echo "fuzz_long: ${#targets[@]} targets, ${seconds}s each, $(( $(date +%s) - start ))s in all; corpus in $out"
