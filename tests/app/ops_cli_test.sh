#!/usr/bin/env bash
# Issue 23 through the real `guichet` binary: audit verify on a file tampered with sqlite3, the
# story of one dossier, purge --dry-run, backup (keys on purpose, rotation) and restore (foreign,
# newer, keys), doctor on a healthy and a broken setup.
#   ops_cli_test.sh GUICHET SAMPLE_DIRECTORY_CSV
set -euo pipefail
guichet=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
expect_fail() { # NAME PATTERN COMMAND...: non-zero exit, PATTERN on stdout or stderr
  local name=$1 pattern=$2
  shift 2
  if "$@" >"$work/out" 2>&1; then cat "$work/out"; fail "$name: exit 0"; fi
  grep -q -- "$pattern" "$work/out" || { cat "$work/out"; fail "$name: no \"$pattern\""; }
}
db=$work/desk/guichet.db
g() { "$guichet" --db "$db" --staff accueil-2 "$@"; }

g import "$sample" >/dev/null
g record 1005 >/dev/null
g record 1005 --kind colis --tracking 6A123 >/dev/null
g handover 1005 --items courrier,colis >/dev/null
g keys init --structure-id S1 --structure-name "Test" >/dev/null

# The store is created for its owner and group only.
[ "$(stat -c %a "$db")" = 660 ] || fail "store mode $(stat -c %a "$db"), expected 660"

# --- audit -----------------------------------------------------------------------------------
g audit verify | grep -q "intact" || fail "fresh audit log not intact"
g audit --dossier 1005 >"$work/story"
grep -q "handed over to the person" "$work/story" || { cat "$work/story"; fail "story: no hand-over"; }
grep -q "accueil-2" "$work/story" || fail "story: no staff id"
grep -qi "sophie\|martin" "$work/story" && fail "story shows a name"
cp "$db" "$work/clean.db"
sqlite3 "$db" "DROP TRIGGER audit_log_sealed; UPDATE audit_log SET actor = 'someone-else' WHERE id = 3"
expect_fail "edited row" "NOT INTACT at row 3: row 3 was edited" g audit verify
cp "$work/clean.db" "$db"
rm -f "$db-wal" "$db-shm"
sqlite3 "$db" "DROP TRIGGER audit_log_retention; DELETE FROM audit_log WHERE id = 2"
expect_fail "deleted row" "row 2 was deleted" g audit verify
cp "$work/clean.db" "$db"
rm -f "$db-wal" "$db-shm"
expect_fail "update through SQL" "append-only" sqlite3 "$db" "UPDATE audit_log SET actor = 'x' WHERE id = 1"

# --- purge -----------------------------------------------------------------------------------
g purge --dry-run | grep -q "would delete" || fail "purge --dry-run"
expect_fail "short mail retention" "holding period" g settings retention.mail_months 2
g settings retention.mail_months | grep -q "= 2$" && fail "a refused setting is kept"
g purge | grep -q "deleted" || fail "purge"
g audit | grep -q "retention.purged" || fail "purge not audited"

# --- backup and restore --------------------------------------------------------------------------
expect_fail "keys not chosen" "--with-keys" g backup "$work/b.db"
g backup "$work/without.db" --without-keys | grep -q "keys NOT included" || fail "backup without keys"
g backup "$work/with.db" --with-keys | grep -q "key/credential files inside" || fail "backup with keys"
[ "$(stat -c %a "$work/with.db")" = 600 ] || fail "backup mode $(stat -c %a "$work/with.db")"
for i in 1 2 3; do g backup --dir "$work/rot" --keep 2 --without-keys >/dev/null; sleep 1; done
[ "$(ls "$work/rot" | wc -l)" = 2 ] || fail "rotation kept $(ls "$work/rot" | wc -l) backups"

g record 1005 >/dev/null # after the backup
g restore "$work/without.db" | grep -q "restored" || fail "restore"
g pending 1005 | grep -q "pending: 0 courrier" || fail "the letter recorded after the backup is still there"
ls "$work/desk/" | grep -q "guichet.db.before-restore-" || fail "the replaced store is not kept"
g audit verify | grep -q intact || fail "restored audit log"

other=$work/other/guichet.db
"$guichet" --db "$other" import "$sample" >/dev/null
expect_fail "foreign backup" "backup of another store" "$guichet" --db "$other" restore "$work/without.db"
"$guichet" --db "$other" restore --force-foreign "$work/without.db" | grep -q restored || fail "--force-foreign"

cp "$work/without.db" "$work/newer.db"
sqlite3 "$work/newer.db" "PRAGMA user_version = 99"
expect_fail "newer backup" "made by a newer Guichet" g restore "$work/newer.db"
expect_fail "not a store" "not a Guichet store" g restore "$sample"

# Keys: a new machine gets them back only when asked, 0600.
fresh=$work/fresh/guichet.db
"$guichet" --db "$fresh" restore "$work/with.db" | grep -q "NOT restored" || fail "keys restored unasked"
[ -e "$work/fresh/card.key" ] && fail "card.key written unasked"
"$guichet" --db "$fresh" restore --with-keys "$work/with.db" >/dev/null
[ "$(stat -c %a "$work/fresh/card.key")" = 600 ] || fail "restored card.key mode"
cmp -s "$work/fresh/card.key" "$work/desk/card.key" || fail "restored card.key differs"
expect_fail "no keys inside" "carries no keys" "$guichet" --db "$fresh" restore --with-keys "$work/without.db"

# --- doctor ------------------------------------------------------------------------------------
g doctor --no-devices >"$work/doc" || { cat "$work/doc"; fail "doctor fails on a healthy store"; }
grep -q "^OK    store" "$work/doc" || fail "doctor: store line"
grep -q "^OK    keys .*card.key 0600" "$work/doc" || fail "doctor: key line"
grep -q "^OK    ocr .*fra" "$work/doc" || fail "doctor: fra model"
grep -q "^OK    backup" "$work/doc" || { cat "$work/doc"; fail "doctor: backup line"; }
chmod 644 "$work/desk/card.key"
expect_fail "key mode" "FAIL  keys .*chmod 600" g doctor --no-devices
chmod 600 "$work/desk/card.key"
expect_fail "missing store" "FAIL  store .*missing" "$guichet" --db "$work/none/guichet.db" doctor --no-devices
[ -e "$work/none/guichet.db" ] && fail "doctor created a store"
"$guichet" --db "$work/broken.db" import "$sample" >/dev/null
sqlite3 "$work/broken.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
page=$(sqlite3 "$work/broken.db" "SELECT rootpage FROM sqlite_master WHERE name = 'dossiers'")
dd if=/dev/urandom of="$work/broken.db" bs=4096 seek=$((page - 1)) count=1 conv=notrunc status=none
expect_fail "damaged store" "FAIL  store" "$guichet" --db "$work/broken.db" doctor --no-devices
echo "ops cli: ok"
