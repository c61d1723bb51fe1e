#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs the chat sample.
# Without OPENROUTER_API_KEY (or with OPENROUTER_BASE_URL set) it starts the local emulator on
# 127.0.0.1 and talks to it; with OPENROUTER_API_KEY set and no OPENROUTER_BASE_URL it talks to
# the real OpenRouter over TLS.
#   scripts/demo.sh ["your question"]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build/demo}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPENROUTER_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target sample_1_tutorial_chat openrouter-emulator
question=${1:-"Hello from openrouter-cpp!"}
if [[ -n "${OPENROUTER_API_KEY:-}" && -z "${OPENROUTER_BASE_URL:-}" ]]; then
  echo "== asking the real OpenRouter (model ${OPENROUTER_MODEL:-openai/gpt-4o-mini})"
  exec "$build/samples/sample_1_tutorial_chat" "$question"
fi
state=$(mktemp -d)
trap 'bash "$root/scripts/emulator-ctl.sh" stop "$state"; rm -rf "$state"' EXIT
bash "$root/scripts/emulator-ctl.sh" start "$state" "$build/test/emulator/openrouter-emulator"
echo "== asking the local emulator (model ${OPENROUTER_MODEL:-emulator/echo})"
bash "$root/scripts/emulator-ctl.sh" run "$state" "$build/samples/sample_1_tutorial_chat" "$question"
