#!/usr/bin/env bash
# Configures and builds geneft (Release) into ./build, the Python module
# included. Extra args go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --python
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" > build.log 2>&1 \
  || { cat build.log; exit 1; }
cmake --build build --parallel "$(nproc)"
