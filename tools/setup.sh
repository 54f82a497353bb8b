#!/usr/bin/env bash
# Installs the Debian packages tsunagi needs, once. Idempotent: does nothing (and asks
# no package server) when everything is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ccache clang clang-format clang-tidy libclang-rt-14-dev libomp-dev
  libeigen3-dev libhdf5-dev hdf5-tools libtomlplusplus-dev libcli11-dev librandom123-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-numpy python3-pandas python3-matplotlib python3-scipy python3-pytest
  python3-nbclient python3-ipykernel jupyter-nbconvert python3-simpy python3-openpyxl
  chromium fonts-noto-cjk
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "tsunagi setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
