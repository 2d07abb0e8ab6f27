#!/usr/bin/env bash
# Issue 17 through the real `guichet` binary: `import` and `search` on hostile input.
#   hostile_cli_test.sh GUICHET SAMPLE_DIRECTORY_CSV
set -euo pipefail
guichet=$1
sample=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# expect_fail NAME PATTERN COMMAND...: the command exits non-zero and says PATTERN on stderr.
expect_fail() {
  local name=$1 pattern=$2
  shift 2
  if "$@" >"$work/out" 2>"$work/err"; then fail "$name: exit 0"; fi
  grep -q -- "$pattern" "$work/err" || { cat "$work/err"; fail "$name: no \"$pattern\""; }
}

# Devices are refused unread (import /dev/zero grew to gigabytes).
expect_fail "import /dev/zero" "/dev/zero: not a regular file" timeout 10 "$guichet" --db "$work/a.db" import /dev/zero
expect_fail "import /dev/urandom" "/dev/urandom: not a regular file" timeout 10 "$guichet" --db "$work/a.db" import /dev/urandom

# CR-only line ends are rows; a file that yields no dossier fails.
printf 'ref;nom;prenom\r1;DUPONT;Jean\r2;MARTIN;Sophie\r' > "$work/mac.csv"
"$guichet" --db "$work/a.db" import "$work/mac.csv" | grep -q "2 dossiers read" || fail "CR-only CSV: 2 dossiers"
printf 'ref,nom,prenom\n' > "$work/header.csv"
expect_fail "header only" "header.csv: no dossier found" "$guichet" --db "$work/a.db" import "$work/header.csv"

# A number too large for a double: the error names the file and the line.
printf '{"usagers": [\n {"ref": 1e999, "nom": "A"}\n]}\n' > "$work/big.json"
expect_fail "1e999" "big.json:2: not valid JSON" "$guichet" --db "$work/a.db" import "$work/big.json"

# A store whose audit log is damaged: the import fails and the store is unchanged.
"$guichet" --db "$work/d.db" import "$sample" >/dev/null
page=$(sqlite3 "$work/d.db" "SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'")
[ -n "$page" ] || fail "no audit_log table"
dd if=/dev/urandom of="$work/d.db" bs=4096 seek=$((page - 1)) count=1 conv=notrunc status=none
cp "$work/d.db" "$work/before.db"
sed '3s/MARTIN,Sophie/MARTINEZ,Sophie/' "$sample" > "$work/changed.csv"
expect_fail "damaged store" "nothing imported, the store is unchanged" "$guichet" --db "$work/d.db" import "$work/changed.csv"
cmp -s "$work/d.db" "$work/before.db" || fail "the damaged store was written"

# search: a 100 KB recipient text is refused at once with the limits named.
long=$(head -c 100000 /dev/zero | tr '\0' 'A')
expect_fail "long search" "at most 2000 characters and 20 lines" timeout 10 \
  "$guichet" search --directory "$sample" "$long"

# search reads a store it may not write (read-only file and folder).
mkdir "$work/ro"
"$guichet" --db "$work/ro/s.db" import "$sample" >/dev/null
chmod 0444 "$work/ro/s.db"
chmod 0555 "$work/ro"
chmod 0755 "$work"
run=()
if [ "$(id -u)" = 0 ]; then run=(setpriv --reuid 65534 --regid 65534 --clear-groups); fi
"${run[@]}" "$guichet" --db "$work/ro/s.db" search "Mme MARTIN Sophie|Boite 3" > "$work/out" 2>"$work/err" ||
  { cat "$work/err"; fail "search on a read-only store"; }
grep -q "decision: auto" "$work/out" || fail "search on a read-only store: no decision"
echo "ok"
