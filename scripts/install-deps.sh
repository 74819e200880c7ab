#!/usr/bin/env bash
# Installs the Debian 12 packages geneft builds with, when any is missing;
# with --python also what the Python module builds and runs with (pybind11,
# Python's development files, numpy, pandas, matplotlib); with --mpi (or
# GENEFT_WITH_MPI=1 in the environment) also Boost.MPI and Open MPI, for
# `geneft run --mpi` on clusters; with --test the Python packages and what
# the test suite uses (Chromium opens the reports); with --fuzz clang and its
# libFuzzer runtime (scripts/fuzz.sh).
# Needs root (or sudo) only when something has to be installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config binutils
  libboost-dev libboost-program-options-dev libboost-filesystem-dev libboost-graph-dev
  libtomlplusplus-dev catch2 libsqlite3-dev libfmt-dev libnauty2-dev
  libdivide-dev
  libeigen3-dev
  gnuplot-nox
)
python_packages=(python3 python3-dev pybind11-dev python3-numpy python3-pandas python3-matplotlib)
with_mpi=${GENEFT_WITH_MPI:-0}
for arg in "$@"; do
  case "$arg" in
    --python) packages+=("${python_packages[@]}") ;;
    --test) packages+=(chromium "${python_packages[@]}") ;;
    --mpi) with_mpi=1 ;;
    --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
    *) echo "install-deps.sh: unknown option '$arg' (options: --python, --mpi, --test, --fuzz)" >&2; exit 2 ;;
  esac
done
[ "$with_mpi" = "1" ] && packages+=(libboost-mpi-dev libopenmpi-dev openmpi-bin)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
