#!/usr/bin/env bash
# Hot-folder intake end to end: half-written and broken files, crash-safe idempotence.
#   intake_test.sh GUICHET GUICHET_CORPUS
source "$(dirname "$0")/cli_test_setup.sh"

"$corpus" "$work/corpus" --seed 5 --count 6 --dossiers 120 >/dev/null
mkdir -p "$work/in"
cp "$work"/corpus/env-000[0-2].{jpg,png} "$work/in/" 2>/dev/null || true
head -c 3000 "$(ls "$work"/corpus/env-000[0-3].jpg | tail -1)" > "$work/in/broken.jpg"   # truncated scan
echo "not an image" > "$work/in/notes.txt"
db="$work/store.db"

"$guichet" --db "$db" intake --watch "$work/in" --directory "$work/corpus/directory.csv" --once --settle-ms 200 \
  --poll-ms 100 --grace-ms 1000 > "$work/log1.txt"
cat "$work/log1.txt"
[ "$(ls "$work/in/done" | wc -l)" -eq 3 ] || fail "3 scans should be in done/"
ls "$work/in/failed" | grep -q '^broken.jpg$' || fail "broken.jpg should be in failed/"
grep -q "truncated" "$work/in/failed/broken.jpg.reason.txt" || fail "reason file should say truncated"
ls "$work/in/failed" | grep -q '^notes.txt.reason.txt$' || fail "notes.txt should be refused with a reason"
[ -z "$(find "$work/in" -maxdepth 1 -type f ! -name .guichet-intake.lock)" ] || fail "nothing should be left in the watched folder"
items=$(sqlite3 "$db" "SELECT count(*) FROM mail_items")
[ "$items" -eq 3 ] || fail "3 mail items expected, got $items"
review=$(sqlite3 "$db" "SELECT count(*) FROM mail_items WHERE state != 'pending'")
if [ "$review" -gt 0 ]; then
  crops=$(sqlite3 "$db" "SELECT count(*) FROM mail_crops WHERE length(png) > 0")
  [ "$crops" -ge "$review" ] || fail "items waiting for review need their address crop"
fi

# The same scan dropped again (or left behind by a crash after recording): never recorded twice.
cp "$work/in/done/$(ls "$work/in/done" | head -1)" "$work/in/again.${RANDOM}.jpg.tmp"
mv "$work/in/again."*.tmp "$work/in/again.jpg"
"$guichet" --db "$db" intake --watch "$work/in" --directory "$work/corpus/directory.csv" --once --settle-ms 200 \
  --poll-ms 100 --grace-ms 1000 > "$work/log2.txt"
cat "$work/log2.txt"
grep -q "already done" "$work/log2.txt" || fail "a known scan should be recognised"
items=$(sqlite3 "$db" "SELECT count(*) FROM mail_items")
[ "$items" -eq 3 ] || fail "still 3 mail items expected, got $items"

# A new scan afterwards is processed normally.
cp "$work"/corpus/env-0003.{jpg,png} "$work/in/" 2>/dev/null || true
"$guichet" --db "$db" intake --watch "$work/in" --directory "$work/corpus/directory.csv" --once --settle-ms 200 \
  --poll-ms 100 --grace-ms 1000 > "$work/log3.txt"
items=$(sqlite3 "$db" "SELECT count(*) FROM mail_items")
[ "$items" -eq 4 ] || fail "4 mail items expected, got $items"
events=$(sqlite3 "$db" "SELECT count(*) FROM events")
autos=$(sqlite3 "$db" "SELECT count(*) FROM mail_items WHERE state = 'pending'")
[ "$events" -eq "$autos" ] || fail "one outbox event per automatically recorded item ($events vs $autos)"
# A scan written in two goes with a pause longer than the settle time: waited for, then read.
img=$(ls "$work"/corpus/env-000[45].* | grep -v json | head -1)
slow="$work/in/slow.${img##*.}"
size=$(stat -c %s "$img")
head -c $((size / 2)) "$img" > "$slow"
"$guichet" --db "$db" intake --watch "$work/in" --directory "$work/corpus/directory.csv" --once --settle-ms 200 \
  --poll-ms 100 --grace-ms 5000 > "$work/log4.txt" &
pid=$!
sleep 1.5
tail -c +$((size / 2 + 1)) "$img" >> "$slow"
wait $pid
cat "$work/log4.txt"
ls "$work/in/done" | grep -q '^slow\.' || fail "the slow scan should have been waited for and read"
grep -q '^slow\..*mail item' "$work/log4.txt" || fail "the slow scan should be recorded as a new item"
# A scanner's PDF of two envelopes: one mail item per page, the file filed once.
"$corpus" "$work/pdf" --seed 5 --first 6 --count 2 --dossiers 120 --pdf batch.pdf >/dev/null
cp "$work/pdf/batch.pdf" "$work/in/batch.pdf"
"$guichet" --db "$db" intake --watch "$work/in" --directory "$work/corpus/directory.csv" --once --settle-ms 200 \
  --poll-ms 100 --grace-ms 1000 > "$work/log5.txt"
cat "$work/log5.txt"
ls "$work/in/done" | grep -q '^batch.pdf$' || fail "the PDF should be in done/"
pages=$(sqlite3 "$db" "SELECT count(*) FROM mail_items WHERE source LIKE 'batch.pdf#%'")
[ "$pages" -eq 2 ] || fail "2 mail items expected from the 2-page PDF, got $pages"
items=$(sqlite3 "$db" "SELECT count(*) FROM mail_items")
echo "intake test passed ($items items, $events events)"
