#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test openrouter-cpp (run as root).
# Idempotent and quiet when everything is present.
set -euo pipefail
# clang + libclang-rt-14-dev: the Clang builds with ASan/UBSan/TSan and libFuzzer (the runtimes
# are only recommended by clang, and recommends are not installed); clang-format: the formatting
# check; nodejs/npm: the conformance label (Prism). Nothing in the test command is skipped for a
# missing package.
pkgs=(cmake g++ ninja-build libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev catch2 openssl
      clang libclang-rt-14-dev clang-format)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (with npm inside it): ask for the commands, and
# install Debian's packages only when they are absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
