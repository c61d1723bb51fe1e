#!/usr/bin/env bash
# Runs the libFuzzer targets of test/fuzz (docs/reliability.md, "Fuzzing").
#   bash scripts/fuzz.sh [target|all] [runs]      (default: all, 10000000 runs each)
# Configures and builds build-fuzz/ (Clang, ASan+UBSan, OPENROUTER_FUZZ=ON) if needed, then runs
# each target alone under `nice -n 10`, from its checked-in seed corpus (read only; the corpus it
# grows is build-fuzz/fuzz-corpus/<target>/), and prints one table row per target:
#   | target | executions | exec/s | corpus | findings |
# A finding (crash, leak, timeout, property violated) is saved as build-fuzz/fuzz-artifacts/<target>/
# crash-*; to keep it as a regression, copy it to test/fuzz/regressions/<target>/.
# Environment: BUILD (default build-fuzz), JOBS (default 2), MAX_TIME (seconds per target, 0 = none).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-$ROOT/build-fuzz}
JOBS=${JOBS:-2}
MAX_TIME=${MAX_TIME:-0}
TARGETS=(sse chunk chat_completion classify responses_event http_head base_url retry_after)
which=${1:-all}
runs=${2:-10000000}
if [[ $which != all ]]; then
  [[ " ${TARGETS[*]} " == *" $which "* ]] || { echo "unknown target '$which' (one of: ${TARGETS[*]})" >&2; exit 2; }
  TARGETS=("$which")
fi

if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  CXX=${CXX:-clang++} cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOPENROUTER_WERROR=ON \
    -DOPENROUTER_SANITIZE=address,undefined -DOPENROUTER_FUZZ=ON -DCMAKE_CXX_FLAGS=-O1 \
    $(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
nice -n 10 cmake --build "$BUILD" -j"$JOBS" --target "${TARGETS[@]/#/fuzz_}"

status=0
echo "| target | executions | exec/s | corpus (files) | findings |"
echo "|---|---|---|---|---|"
for t in "${TARGETS[@]}"; do
  corpus=$BUILD/fuzz-corpus/$t
  art=$BUILD/fuzz-artifacts/$t
  log=$BUILD/fuzz-logs/$t.log
  rm -rf "$art"  # findings of this run only (keep older ones elsewhere)
  mkdir -p "$corpus" "$art" "$(dirname "$log")"
  rc=0
  nice -n 10 "$BUILD/test/fuzz/fuzz_$t" -runs="$runs" -max_total_time="$MAX_TIME" -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$art/" "$corpus" "$ROOT/test/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  files=$(find "$corpus" -type f | wc -l)
  found=$(find "$art" -type f | wc -l)
  if [[ $rc -ne 0 ]]; then
    findings="$found (exit $rc; see $log)"
    status=1
  else
    findings=$found
  fi
  echo "| $t | ${execs:-?} | ${secs:-?} | $files | $findings |"
done
exit $status
