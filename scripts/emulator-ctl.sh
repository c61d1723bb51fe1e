#!/usr/bin/env bash
# Starts, stops and uses a background openrouter-emulator (for CTest fixtures and the demo).
#   emulator-ctl.sh start STATE_DIR EMULATOR_BINARY [emulator args...]
#   emulator-ctl.sh run   STATE_DIR COMMAND [args...]   # COMMAND with OPENROUTER_BASE_URL etc. set
#   emulator-ctl.sh stop  STATE_DIR
set -euo pipefail
cmd=${1:?usage}; state=${2:?usage}; shift 2
case "$cmd" in
  start)
    bin=${1:?emulator binary}; shift
    mkdir -p "$state"
    if [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
      kill "$(cat "$state/pid")" 2>/dev/null || true
    fi
    rm -f "$state/port" "$state/pid"
    # Bounded in time: it exits by itself after 30 minutes even if nobody stops it.
    "$bin" --host 127.0.0.1 --port 0 --port-file "$state/port" --max-seconds 1800 "$@" \
      >"$state/log" 2>&1 </dev/null &
    echo $! >"$state/pid"
    for _ in $(seq 1 100); do
      [[ -s "$state/port" ]] && { echo "emulator listening on 127.0.0.1:$(cat "$state/port")"; exit 0; }
      kill -0 "$(cat "$state/pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "emulator did not start:" >&2; cat "$state/log" >&2; exit 1 ;;
  run)
    [[ -s "$state/port" ]] || { echo "emulator not running (no $state/port)" >&2; exit 1; }
    export OPENROUTER_BASE_URL="http://127.0.0.1:$(cat "$state/port")/api/v1"
    export OPENROUTER_API_KEY="sk-or-emulator-local-key"
    export OPENROUTER_MODEL="${OPENROUTER_MODEL:-emulator/echo}"
    exec "$@" ;;
  stop)
    if [[ -f "$state/pid" ]]; then
      pid=$(cat "$state/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$state/pid" "$state/port"
    fi ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
