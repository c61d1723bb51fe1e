#!/usr/bin/env bash
# Runs the shared benchmark rig with openrouter-cpp's client beside the peers, in one session.
#   bench/rig/run.sh --quick --repeats 1              # smoke test, a few minutes
#   bench/rig/run.sh --repeats 3                      # full preset (10-20 minutes)
#   bench/rig/run.sh --only openrouter-cpp-stream,openai-node-stream,rawclient-stream --repeats 5
# Arguments go to the rig's bench.py (through cases.py). Results: /tmp/openrouter-rig/results.json
# unless --out is given. Environment:
#   RIG_DIR      the rig (default ../shared/rig next to the repository; read-only, never modified)
#   BENCH_BUILD  build dir of our Release client (default /tmp/build-bench)
#   RIG_BUILD    the rig's C programs (default /tmp/rig-build), RIG_NODE the Node peers (default /tmp/rig-node)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export RIG_DIR="${RIG_DIR:-$(cd "$repo/../shared/rig" && pwd)}"
export RIG_BUILD="${RIG_BUILD:-/tmp/rig-build}"
export RIG_NODE="${RIG_NODE:-/tmp/rig-node}"
build="${BENCH_BUILD:-/tmp/build-bench}"

# 1. Our client, Release (2 jobs at most: the machine is shared).
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
ninja -C "$build" -j2 bench_rig_client
export OPENROUTER_RIG_CLIENT="$build/bench/bench_rig_client"

# 2. The rig's C programs (server, C floor, machine floor), built as its run-peers.sh builds them.
mkdir -p "$RIG_BUILD"
for p in bench-server rawclient floor; do
  cc -O2 -Wall -Wextra -o "$RIG_BUILD/$p" "$RIG_DIR/server/$p.c"
done

# 3. The Node peers, outside the rig, pinned to the baseline's versions (override with PEERS=...).
if [ ! -f "$RIG_NODE/node_modules/openai/package.json" ] ||
   [ ! -f "$RIG_NODE/node_modules/@openrouter/sdk/package.json" ]; then
  mkdir -p "$RIG_NODE"
  # shellcheck disable=SC2086
  npm install --prefix "$RIG_NODE" ${PEERS:-openai@6.49.0 @openrouter/sdk@1.3.19}
fi
[ -x /usr/bin/time ] || { echo "need /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

ulimit -n "$(ulimit -Hn)"   # K=5000 concurrent streams need >5000 descriptors
exec python3 "$here/cases.py" "$@"
