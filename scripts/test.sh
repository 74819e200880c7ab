#!/usr/bin/env bash
# Builds geneft and runs the whole test suite with CTest, the MPI path
# (geneft run --mpi under mpirun) included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test --mpi
GENEFT_WITH_MPI=1 bash scripts/build.sh
cd build
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
