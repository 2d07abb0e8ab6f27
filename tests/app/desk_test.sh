#!/usr/bin/env bash
# The desk's flows through the real `guichet` binary and a real store: record by hand, pending,
# hand-over (refused and valid proxy, double click), review pick / unknown, returns with CSV and
# slip, visit with a ticket on the printer twin, the queue, statistics; and the outbox they fill.
#   desk_test.sh GUICHET SAMPLE_DIRECTORY_CSV
set -euo pipefail
guichet=$1
csv=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
g() { "$guichet" --db "$work/store.db" --staff accueil-2 "$@"; }
expect_fail() { if "$@" > "$work/out.txt" 2>&1; then cat "$work/out.txt"; fail "should have failed: $*"; fi; cat "$work/out.txt"; }

g import "$csv" > /dev/null
g record 1005 --kind colis --tracking 6A12345678901
g record 1005
g record 1024
g pending 1005 | tee "$work/pending.txt"
grep -q "pending: 1 courrier, 0 recommandé, 1 colis" "$work/pending.txt" || fail "pending counts"
grep -q "proxy 0: Marc LEROY (2024-01-01..2099-12-31) valid today" "$work/pending.txt" || fail "valid proxy shown"
grep -q "6A12345678901" "$work/pending.txt" || fail "tracking number shown"

expect_fail g handover 1024 --proxy 0
grep -q "the procuration expired on 2021-12-31" "$work/out.txt" || fail "expired procuration refused with its date"
g handover 1005 --proxy 0 | tee "$work/handover.txt"
grep -q "still pending (not ticked): 0 courrier, 0 recommandé, 1 colis" "$work/handover.txt" || fail "parcel not ticked stays"
g handover 1005 --proxy 0 --items colis
expect_fail g handover 1005 --proxy 0
grep -q "no courrier pending" "$work/out.txt" || fail "a double click hands nothing twice"

# Two letters the recogniser was unsure of (as the intake leaves them).
now=$(date +%s)
for i in 1 2; do
  sqlite3 "$work/store.db" "INSERT INTO mail_items (kind, count, arrived_at, method, state, candidates, source, updated_at)
    VALUES ('courrier', 1, $now, 'unmatched', 'awaiting_review', '1001:0.91;1002:0.74', 'scan-$i.jpg', $now)"
done
g review | tee "$work/review.txt"
grep -q "2 item(s) wait" "$work/review.txt" || fail "review lists what waits"
first=$(sqlite3 "$work/store.db" "SELECT min(id) FROM mail_items WHERE state='awaiting_review'")
second=$(sqlite3 "$work/store.db" "SELECT max(id) FROM mail_items WHERE state='awaiting_review'")
g review pick "$first" 1001
expect_fail g review pick "$first" 1002
grep -q "already decided" "$work/out.txt" || fail "a decided item is not re-attributed"
g review search 1003 | grep -q "MARTIN" || fail "review search by ref"
g review unknown "$second"
g returns --csv "$work/returns.csv" --pdf "$work/returns.pdf"
grep -q "^$second,courrier,,.*,inconnu,Destinataire inconnu à l'adresse," "$work/returns.csv" || fail "returns CSV line"
head -c 4 "$work/returns.pdf" | grep -q "%PDF" || fail "slip PDF"

g visit --dossier 1001 --ticket --printer "$work/tickets.bin" | tee "$work/visit.txt"
grep -q "visit recorded; pending: 1 courrier" "$work/visit.txt" || fail "visit shows the pending counts"
grep -q "ticket 1 for the desk's queue" "$work/visit.txt" || fail "ticket 1"
[ -s "$work/tickets.bin" ] || fail "the ticket went to the printer twin"
grep -q "DUPONT" "$work/tickets.bin" && fail "no name on a ticket"
g visit --dossier 1001 | grep -q "already recorded less than 10 minutes ago" || fail "one visit"
expect_fail g visit --dossier 1099
g queue | grep -q "1 ticket(s) waiting" || fail "queue"
g queue --serve 1 | grep -q "0 ticket(s) waiting" || fail "served"
g stats --csv "$work/stats.csv" > /dev/null
grep -q "^total,4,0,1,0,1,3,0,0,2,1,1," "$work/stats.csv" || { cat "$work/stats.csv"; fail "statistics total"; }

expect_fail g settings desk.hold.courrier_days soon
grep -q "expected a number of days" "$work/out.txt" || fail "a bad holding period is refused"
g settings desk.hold.courrier_days 30 | grep -q "desk.hold.courrier_days = 30" || fail "holding period set"

events=$(sqlite3 "$work/store.db" "SELECT type || ':' || dossier_ref || ':' || coalesce(procuration_index, '-') FROM events ORDER BY id" | tr '\n' ' ')
expected="colisIn:1005:- courrierIn:1005:- courrierIn:1024:- courrierOut:1005:0 colisOut:1005:0 courrierIn:1001:- visite:1001:- "
[ "$events" = "$expected" ] || fail "outbox: got '$events', expected '$expected'"
audit=$(sqlite3 "$work/store.db" "SELECT count(*) FROM audit_log WHERE actor = 'accueil-2'")
[ "$audit" -ge 8 ] || fail "staff actions are audited ($audit)"
sqlite3 "$work/store.db" "SELECT subject FROM audit_log" | grep -qi "dupont" && fail "the audit log holds ids, never names"
echo "desk CLI test passed"
