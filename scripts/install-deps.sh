#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test openrouter-cpp (run as root).
# Idempotent and quiet when everything is present.
set -euo pipefail
pkgs=(cmake g++ ninja-build libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev catch2 openssl)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
