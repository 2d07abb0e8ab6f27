#!/usr/bin/env bash
# Guichet's front door on a Debian 12 machine. Installs what is missing (apt), builds, runs.
#   ./guichet.sh demo     the main job on built-in defaults (sample directory, sample envelopes,
#                         local stand-in backend); no configuration needed
#   ./guichet.sh test     build and run the whole test suite (what CI runs)
#   ./guichet.sh bench    build and run the benchmark programs (prints figures)
#   ./guichet.sh desk     the desk app (guichet-desk) on the demo store (made by `demo` when missing)
#   ./guichet.sh package  build the Debian packages (build/packages/*.deb: guichet, guichet-desk,
#                         guichet-kiosk when it exists); see docs/OPERATIONS.md
#   ./guichet.sh kiosk    the self-service kiosk (guichet-kiosk) on the demo store, with a camera twin
#                         showing a sample card and the printer twin writing demo-data/kiosk-tickets.escpos
#   ./guichet.sh build    just build; ./guichet.sh guichet ARGS... runs the CLI
# Environment: BUILD_DIR (default build), CMAKE_ARGS (extra configure flags), JOBS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=${BUILD_DIR:-$here/build}
jobs=${JOBS:-$(nproc)}

build() {
  bash "$here/scripts/install-deps.sh"
  if [ ! -f "$build_dir/build.ninja" ]; then
    # shellcheck disable=SC2086
    cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${CMAKE_ARGS:-}
  fi
  cmake --build "$build_dir" -j "$jobs"
}

cmd=${1:-demo}
shift || true
case "$cmd" in
  demo)
    build
    export OMP_THREAD_LIMIT=1
    "$build_dir/app/cli/guichet" demo "$@"
    ;;
  test)
    build
    export OMP_THREAD_LIMIT=1
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" "$@"
    ;;
  bench)
    build
    export OMP_THREAD_LIMIT=1
    bash "$here/scripts/run-benchmarks.sh" "$build_dir" "$@"
    ;;
  build)
    build
    ;;
  package)
    build
    (cd "$build_dir" && cpack -G DEB --config CPackConfig.cmake "$@")
    ls -l "$build_dir"/packages/*.deb
    ;;
  desk)
    build
    export OMP_THREAD_LIMIT=1
    if [ ! -f "$here/demo-data/guichet.db" ]; then
      "$build_dir/app/cli/guichet" demo --work "$here/demo-data"
    fi
    "$build_dir/app/desk/guichet-desk" --db "$here/demo-data/guichet.db" "$@"
    ;;
  kiosk)
    build
    export OMP_THREAD_LIMIT=1
    if [ ! -f "$here/demo-data/guichet.db" ]; then
      "$build_dir/app/cli/guichet" demo --work "$here/demo-data"
    fi
    if [ ! -f "$here/demo-data/kiosk-card.png" ]; then
      # dossier 1136 of the sample directory: the demo records a registered-mail notice for it
      "$build_dir/app/cli/guichet" --db "$here/demo-data/guichet.db" card issue --dossier 1136 \
        --out "$here/demo-data/kiosk-card.png"
    fi
    "$build_dir/app/kiosk/guichet-kiosk" --db "$here/demo-data/guichet.db" --camera "$here/demo-data/kiosk-card.png" \
      --printer "$here/demo-data/kiosk-tickets.escpos" "$@"
    ;;
  guichet)
    build >/dev/null
    export OMP_THREAD_LIMIT=1
    "$build_dir/app/cli/guichet" "$@"
    ;;
  *)
    echo "usage: $0 demo|test|bench|desk|kiosk|package|build|guichet ARGS..." >&2
    exit 2
    ;;
esac
