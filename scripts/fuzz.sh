#!/usr/bin/env bash
# Builds our libFuzzer targets (clang-14, ASan + UBSan; tests/fuzz) into
# build-fuzz and runs each in turn on one core for SECONDS (default 600).
# Inputs that reach new code go to build-fuzz/corpus/<target>, seeded from
# tests/fuzz/corpus/<target>; a finding (crash, sanitizer report, timeout,
# memory blow-up) is saved under build-fuzz/findings/<target>/ and stops that
# target. Copy a fixed finding into tests/fuzz/corpus/<target>/: CTest
# replays that folder in every build.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]   # targets: study sweep graph_edges
#                                                # graph_matrix graph_dot graph_graphml
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(study sweep graph_edges graph_matrix graph_dot graph_graphml)

bash scripts/install-deps.sh --fuzz
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DGENEFT_FUZZ=ON -DGENEFT_BUILD_TESTS=OFF > build-fuzz.log 2>&1 || { cat build-fuzz.log; exit 1; }
cmake --build build-fuzz --target fuzz --parallel "$(nproc)"

status=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
  echo "== fuzz_$t for ${seconds} s"
  dict=tests/fuzz/$t.dict
  [ "$t" = sweep ] && dict=tests/fuzz/study.dict
  # -timeout: one input may take 10 s; -rss_limit_mb: 2 GB of memory.
  if ! "build-fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -dict="$dict" -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$t/" \
      "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" > "build-fuzz/fuzz_$t.log" 2>&1; then
    echo "fuzz_$t: finding saved in build-fuzz/findings/$t/ (log: build-fuzz/fuzz_$t.log)"
    status=1
  fi
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)" \
    "build-fuzz/fuzz_$t.log" || true
  grep -E "^#[0-9]+ +DONE" "build-fuzz/fuzz_$t.log" | tail -1 || true
done
exit $status
