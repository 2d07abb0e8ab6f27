# Sourced by the end-to-end scripts of this folder, called as SCRIPT GUICHET GUICHET_CORPUS:
# strict mode, the two binaries, a scratch folder removed on exit, and fail().
set -euo pipefail
guichet=$1
corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
