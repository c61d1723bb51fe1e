#!/usr/bin/env bash
# The `conformance` CTest label: the SDK's operations through Prism, a validating proxy built from
# OpenRouter's OpenAPI document, in front of the emulator. Exit 77 (CTest: skipped) with the
# reason when the tools are not available; never a failure for that.
#   run.sh <build-dir> <spec.yaml> <emulator-exe> <test-exe> [catch args...]
set -uo pipefail
build=$1 spec=$2 emu=$3 exe=$4
shift 4
prism_version=5.14.2
prism_dir=$build/prism
prism=$prism_dir/node_modules/.bin/prism
work=$build/conformance-run
mkdir -p "$work"
rm -f "$work/skipped.txt"

skip() { echo "conformance: SKIPPED: $*" | tee "$work/skipped.txt"; exit 77; }

[[ -f $spec ]] || skip "OpenAPI document not found at $spec (set -DOPENROUTER_OPENAPI_SPEC=...)"
command -v node >/dev/null || skip "node is not installed"
if [[ ! -x $prism ]] || [[ $("$prism" --version 2>/dev/null) != "$prism_version" ]]; then
  command -v npm >/dev/null || skip "npm is not installed"
  echo "conformance: installing @stoplight/prism-cli@$prism_version into $prism_dir"
  mkdir -p "$prism_dir"
  if ! timeout 180 npm install --prefix "$prism_dir" --no-audit --no-fund --loglevel=error \
       "@stoplight/prism-cli@$prism_version" >"$work/npm.log" 2>&1; then
    tail -5 "$work/npm.log"
    skip "npm could not install @stoplight/prism-cli@$prism_version (registry unreachable?); log: $work/npm.log"
  fi
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

rm -f "$work/emulator.port"
"$emu" --port-file "$work/emulator.port" --max-seconds 300 --provisioning-key conformance-provisioning-key >"$work/emulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $work/emulator.port ]] && break; sleep 0.1; done
[[ -s $work/emulator.port ]] || { echo "conformance: the emulator did not start"; cat "$work/emulator.log"; exit 1; }
emu_port=$(cat "$work/emulator.port")

# A free port for Prism (asked from the kernel; Prism itself cannot pick one).
prism_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$prism" proxy "$spec" "http://127.0.0.1:$emu_port/api/v1" --host 127.0.0.1 --port "$prism_port" --errors=false \
  >"$work/prism.log" 2>&1 &
pids+=($!)
for _ in $(seq 900); do
  grep -q "Prism is listening" "$work/prism.log" && break
  kill -0 "${pids[1]}" 2>/dev/null || break
  sleep 0.1
done
grep -q "Prism is listening" "$work/prism.log" || {
  echo "conformance: Prism did not start; log: $work/prism.log"; tail -20 "$work/prism.log"; exit 1; }

echo "conformance: Prism $prism_version on :$prism_port -> emulator on :$emu_port (logs in $work)"
OPENROUTER_CONFORMANCE_URL="http://127.0.0.1:$prism_port" OPENROUTER_CONFORMANCE_EMULATOR="http://127.0.0.1:$emu_port" \
  "$exe" "$@"
