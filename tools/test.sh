#!/usr/bin/env bash
# README command 2 (and CI's only step): install what is missing, build, and run every
# test: the GoogleTest suites in the Release build and again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the Python tests (analysis package and integration
# tests of the tsunagi binary). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/setup.sh
# The compiler cache (CMakeLists.txt) is shared by clones in any folder: paths are made
# relative to the clone, and the build folder is not hashed (debug builds would otherwise
# miss the cache in every new clone; only the debugger's source paths are affected).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

echo "== Release build and unit tests"
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release -j 2

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and unit tests"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan
ctest --preset asan-ubsan -j 2

bash tests/fuzz/run.sh  # libFuzzer targets (clang, ASan + UBSan), ~15 s each; regression inputs

echo "== Python tests (analysis package, tsunagi command end to end)"
TSUNAGI_BIN="$PWD/build/release/sim/tsunagi" /usr/bin/python3 -m pytest -q -p no:cacheprovider
