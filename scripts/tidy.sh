#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy's curated checks) on every source of lib/, with the compile
# commands of a build tree (default build/test; configured here if it has none). Prints the
# findings and exits 1 when there are any. Slow (minutes on 2 cores): not part of the test command.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/test}
tidy=${CLANG_TIDY:-clang-tidy}
if [[ ! -f $build/compile_commands.json ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
find "$root/lib" -name '*.cpp' | sort | xargs -P "$(nproc)" -n 4 "$tidy" -p "$build" --quiet >"$out" 2>/dev/null || true
grep -E '(warning|error):' "$out" | sort -u || true
n=$(grep -cE '(warning|error):' "$out" || true)
echo "tidy: $n finding(s)"
[[ $n -eq 0 ]]
