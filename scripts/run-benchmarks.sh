#!/usr/bin/env bash
# Runs every benchmark program that was built (the executables of build/bench/*/), one after the
# other. They print figures; none is run by the tests.
set -euo pipefail
build_dir=${1:?build directory}
shift || true
found=0
for exe in "$build_dir"/bench/*/*; do
  [ -f "$exe" ] && [ -x "$exe" ] || continue
  found=1
  echo "=== $(basename "$exe") ==="
  "$exe" "$@"
  echo
done
[ "$found" = 1 ] || { echo "no benchmark built in $build_dir/bench" >&2; exit 1; }
