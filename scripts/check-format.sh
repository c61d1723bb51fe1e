#!/usr/bin/env bash
# Fails (exit 1) when any tracked C/C++ source differs from what .clang-format makes of it, and
# lists those files. Fix with: git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
fmt=${CLANG_FORMAT:-clang-format}
if ! command -v "$fmt" >/dev/null; then
  echo "check-format: $fmt not found" >&2
  exit 1
fi
bad=0
while IFS= read -r f; do
  if ! "$fmt" --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "check-format: $f differs from .clang-format"
    bad=$((bad + 1))
  fi
done < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.c')
if [[ $bad -ne 0 ]]; then
  echo "check-format: $bad file(s) need clang-format -i" >&2
  exit 1
fi
echo "check-format: all sources formatted"
