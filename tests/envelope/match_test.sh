#!/usr/bin/env bash
# `guichet match --json` as the issue defines it: one JSON object per image (per page of a PDF or
# TIFF), in the order given, errors as {"image", "error"} without stopping the others, exit 1 then.
#   match_test.sh GUICHET GUICHET_CORPUS
source "$(dirname "$0")/cli_test_setup.sh"

"$corpus" "$work/c" --seed 11 --count 3 --dossiers 150 --pdf batch.pdf >/dev/null
images=("$work"/c/env-000[0-2].*)
images=($(printf '%s\n' "${images[@]}" | grep -v '\.json$'))
[ ${#images[@]} -eq 3 ] || fail "the corpus should have 3 images"
head -c 2000 "$(printf '%s\n' "${images[@]}" | grep '\.jpg$' | head -1)" > "$work/half.jpg"
echo "hello" > "$work/notes.txt"

set +e
"$guichet" match --directory "$work/c/directory.csv" --json --jobs 2 \
  "${images[0]}" "$work/half.jpg" "$work/c/batch.pdf" "$work/notes.txt" "${images[1]}" > "$work/out.jsonl"
rc=$?
set -e
cat "$work/out.jsonl"
[ $rc -eq 1 ] || fail "exit status 1 expected when an image failed, got $rc"
# 1 image + 1 error + 3 PDF pages + 1 error + 1 image, in that order.
[ "$(wc -l < "$work/out.jsonl")" -eq 7 ] || fail "7 lines expected"
sed -n 1p "$work/out.jsonl" | grep -q "\"image\":\"${images[0]}\"" || fail "line 1 is the first image"
sed -n 2p "$work/out.jsonl" | grep -q '"image":"[^"]*half.jpg","error":"[^"]*truncated JPEG' \
  || fail "line 2 says the JPEG is truncated"
for page in 1 2 3; do
  sed -n "$((page + 2))p" "$work/out.jsonl" | grep -q "batch.pdf\",\"page\":$page," || fail "line $((page + 2)) is PDF page $page"
done
sed -n 6p "$work/out.jsonl" | grep -q '"error":"[^"]*not a JPEG, PNG, TIFF or PDF' || fail "line 6 refuses the text file"
sed -n 7p "$work/out.jsonl" | grep -q "\"image\":\"${images[1]}\"" || fail "line 7 is the last image"
for key in dossier decision confidence candidates kind tracking lines ms; do
  [ "$(grep -v '"error"' "$work/out.jsonl" | grep -c "\"$key\":")" -eq 5 ] || fail "every reading has \"$key\""
done
# A PDF page reads as its envelope does as an image file.
for i in 0 1 2; do
  img=$(printf '%s\n' "${images[@]}" | sed -n "$((i + 1))p")
  want=$("$guichet" match --directory "$work/c/directory.csv" --json "$img" | grep -o '"decision":"[a-z]*"')
  got=$(sed -n "$((i + 3))p" "$work/out.jsonl" | grep -o '"decision":"[a-z]*"')
  [ "$want" = "$got" ] || echo "note: page $((i + 1)) decided $got, the image file $want (the page is rendered at 300 dpi)"
done
echo "match test passed"
