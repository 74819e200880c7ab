#!/usr/bin/env bash
# Installs the Debian 12 packages geneft builds with, when any is missing;
# with --test also what the test suite uses (Chromium opens the reports),
# with --fuzz clang and its libFuzzer runtime (scripts/fuzz.sh).
# Needs root (or sudo) only when something has to be installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config binutils
  libboost-dev libboost-program-options-dev libboost-filesystem-dev libboost-graph-dev
  libtomlplusplus-dev catch2 libsqlite3-dev libfmt-dev libnauty2-dev
  gnuplot-nox
)
[ "${1:-}" = "--test" ] && packages+=(chromium python3)
[ "${1:-}" = "--fuzz" ] && packages+=(clang-14 libclang-rt-14-dev)

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
