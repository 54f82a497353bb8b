#!/usr/bin/env bash
# README command 1: install what is missing, build in Release, run the default scenario
# (scenarios/oita.toml) and print its summary. Writes out/oita.h5 (replacing the one a
# previous quick start wrote). Fast when everything is installed and built.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tsunagi
mkdir -p out
./build/release/sim/tsunagi run scenarios/oita.toml -o out/oita.h5 --overwrite
