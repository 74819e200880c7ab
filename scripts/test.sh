#!/usr/bin/env bash
# Builds geneft and runs the whole test suite with CTest, the MPI path
# (geneft run --mpi under mpirun) included, then the fast tests again under
# AddressSanitizer + UBSan (scripts/sanitize.sh, build-asan).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test --mpi
GENEFT_WITH_MPI=1 bash scripts/build.sh
(cd build && ctest --output-on-failure --parallel "$(nproc)" --timeout 900)
bash scripts/sanitize.sh
