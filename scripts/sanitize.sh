#!/usr/bin/env bash
# Builds geneft with AddressSanitizer + UndefinedBehaviorSanitizer into
# build-asan (GENEFT_SANITIZE=ON: host, plugins and tests) and runs the test
# suite there, without the slow end-to-end tests (the paper studies, the
# installed SDK, the report in Chromium), which scripts/test.sh runs in the
# plain build. MPI (Open MPI's own allocations would read as leaks) and the
# Python module (an uninstrumented interpreter) are left to the plain build
# too, and so are the benchmarks and the few tests that only train longer
# (convergence, determinism, resumption after SIGKILL: minutes each at -O1
# with the sanitizers, and their code paths run in shorter tests here).
# A sanitizer report aborts its process and fails its test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DGENEFT_SANITIZE=ON -DGENEFT_MPI=OFF \
  -DGENEFT_BUILD_BENCH=OFF \
  > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
cmake --build build-asan --parallel "$(nproc)"
cd build-asan
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"
end_to_end="test_paper_studies|test_sdk_install|report_browser_check"
long_training="test_trainer:the paper's defaults learn|test_trainer:mini-batches, other modes"
long_training+="|test_trainer:the same options and seed give|test_trainer:runs on several threads"
long_training+="|test_addition_relation:addition trains with softmax|test_studies:a study killed with SIGKILL"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900 -E "$end_to_end|$long_training"
