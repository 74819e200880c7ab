#!/usr/bin/env bash
# Configures and builds geneft (Release) into ./build, the Python module
# included. Extra args go to cmake. GENEFT_WITH_MPI=1 also installs Boost.MPI
# and Open MPI and requires the MPI scheduler (geneft run --mpi) in the build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --python
mpi=()
[ "${GENEFT_WITH_MPI:-0}" = "1" ] && mpi=(-DGENEFT_MPI=ON)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${mpi[@]}" "$@" > build.log 2>&1 \
  || { cat build.log; exit 1; }
cmake --build build --parallel "$(nproc)"
