#!/usr/bin/env bash
# The main job: build, then train the default study (the paper's mod-3
# setting, share/studies/mod3.toml) and print its results. Arguments go to
# `geneft run`; GENEFT_WITH_MPI=1 also sets up and builds `geneft run --mpi`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/bin/geneft run share/studies/mod3.toml "$@"
