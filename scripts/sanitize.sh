#!/usr/bin/env bash
# Builds geneft with AddressSanitizer + UndefinedBehaviorSanitizer into
# build-asan (GENEFT_SANITIZE=ON: host, plugins and tests) and runs the test
# suite there, without the slow end-to-end tests (the paper studies, the
# installed SDK, the report in Chromium), which scripts/test.sh runs in the
# plain build. MPI (Open MPI's own allocations would read as leaks) and the
# Python module (an uninstrumented interpreter) are left to the plain build
# too. A sanitizer report aborts its process and fails its test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DGENEFT_SANITIZE=ON -DGENEFT_MPI=OFF \
  > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
cmake --build build-asan --parallel "$(nproc)"
cd build-asan
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900 \
  -E "test_paper_studies|test_sdk_install|report_browser_check"
