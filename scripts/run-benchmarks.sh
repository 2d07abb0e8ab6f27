#!/usr/bin/env bash
# Runs every benchmark program that was built (bench/*), one after the other. They print figures.
set -euo pipefail
build_dir=${1:?build directory}
shift || true
found=0
for exe in "$build_dir"/bench/*/guichet-bench-*; do
  [ -x "$exe" ] || continue
  found=1
  echo "=== $(basename "$exe") ==="
  "$exe" "$@"
  echo
done
[ "$found" = 1 ] || { echo "no benchmark built in $build_dir/bench" >&2; exit 1; }
