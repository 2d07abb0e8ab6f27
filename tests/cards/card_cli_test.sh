#!/usr/bin/env bash
# Issue 17 through the real `guichet` binary: cards of closed dossiers, a negative validity and a
# secret key readable by others.
#   card_cli_test.sh GUICHET
set -euo pipefail
guichet=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
db=$work/store/guichet.db
g() { "$guichet" --db "$db" "$@"; }
header='ref,customRef,nom,prenom,surnom,dateNaissance,statut,ayantsDroits,procurations'
printf '%s\n1001,1,DUPONT,Jean,,1968-04-12,VALIDE,,\n1002,2,MARTIN,Sophie,,1985-09-30,RADIE,,\n' "$header" > "$work/a.csv"
g import "$work/a.csv" >/dev/null
g keys init --structure-id 77 >/dev/null
g card issue --dossier 1001 --out "$work/card.png" >/dev/null
g card verify "$work/card.png" | grep -q ACCEPTED || fail "a valid card is accepted"

# No card for a struck-off dossier.
if g card issue --dossier 1002 --out "$work/no.png" 2>"$work/err"; then fail "card issued for a RADIE dossier"; fi
grep -q "dossier 1002 is RADIE" "$work/err" || fail "issue: no reason given"

# The person is struck off after the card was printed: the card is refused, with the reason.
sed 's/,1968-04-12,VALIDE,/,1968-04-12,RADIE,/' "$work/a.csv" > "$work/b.csv"
g import "$work/b.csv" >/dev/null
if g card verify "$work/card.png" > "$work/out"; then fail "a struck-off person's card was accepted"; fi
grep -q "REFUSED — dossier-closed" "$work/out" || { cat "$work/out"; fail "no dossier-closed reason"; }
grep -q "statut:RADIE" "$work/out" || fail "the detail does not give the status"

# A validity of 0 or less is refused with a message (-1 made every card valid forever).
for days in -1 0; do
  if g card verify "$work/card.png" --validity-days "$days" 2>"$work/err"; then fail "--validity-days $days accepted"; fi
  grep -q -- "--validity-days must be a number of days of 1 or more" "$work/err" || fail "no message for $days"
done

# A secret key readable by others: the message says chmod 600, not keys init.
chmod 0644 "$work/store/card.key"
if g card issue --dossier 1001 --out "$work/c2.png" 2>"$work/err"; then fail "a 0644 secret key was used"; fi
grep -q "chmod 600 $work/store/card.key" "$work/err" || { cat "$work/err"; fail "no chmod 600 advice"; }
if grep -q "run \`guichet keys init\`" "$work/err"; then fail "keys init suggested for a 0644 key"; fi
echo ok
