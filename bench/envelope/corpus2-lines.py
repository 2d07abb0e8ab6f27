#!/usr/bin/env python3
"""How well the recipient block of the second corpus (tests/corpus2) was READ, apart from the matching:
the image side of issue 22 (envelope found, block chosen, binarisation, OCR). For each envelope, the
words of the block as written (truth.json `lines`, words of 3 characters or more, accents and case
folded) are looked for in the lines `guichet match --json` read (CORPUS_DIR/match.jsonl, written by
scripts/bench-corpus2.py), one edit allowed per word. Prints per class, layout and condition: the
share of blocks read (>= 60 % of the words found), garbage (< 30 %), the mean share of words found,
and the time per envelope (the CLI's `ms`) p50 / p95.

  bench/envelope/corpus2-lines.py CORPUS_DIR [MATCH_JSONL]
"""
import collections
import json
import os
import statistics
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).upper()


def words(lines):
    out = []
    for line in lines:
        w = ""
        for c in fold(line) + " ":
            if c.isalnum():
                w += c
            else:
                if len(w) >= 3:
                    out.append(w)
                w = ""
    return out


def within_one(a, b):
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def main():
    d = sys.argv[1]
    match = sys.argv[2] if len(sys.argv) > 2 else os.path.join(d, "match.jsonl")
    truth = [json.loads(l) for l in open(os.path.join(d, "truth.json"), encoding="utf-8") if l.strip()]
    read = {}
    for l in open(match, encoding="utf-8"):
        if l.strip():
            r = json.loads(l)
            read[os.path.basename(r.get("image", ""))] = r
    groups = collections.defaultdict(list)
    ms = []
    for t in truth:
        r = read.get(t["image"])
        want = words(t["lines"])
        got = words(r.get("lines") or []) if r else []
        found = sum(any(within_one(w, g) for g in got) for w in want) / max(1, len(want))
        if r and "ms" in r:
            ms.append(float(r["ms"]))
        keys = ["overall", "class " + t["class"], "layout " + t["layout"], "capture " + t["capture"]]
        for c in t.get("conditions", []):
            name = c.split(":")[0]
            if name in ("motion-blur", "defocus", "dim", "glare", "hand", "perspective", "shadow", "clutter"):
                keys.append("cond " + name)
        for k in keys:
            groups[k].append(found)
    print(f"{'group':<22} {'n':>4} {'read':>7} {'garbage':>8} {'words':>7}")
    for k in sorted(groups, key=lambda k: (k != "overall", k)):
        v = groups[k]
        print(f"{k:<22} {len(v):4d} {100 * sum(x >= 0.6 for x in v) / len(v):6.1f}% "
              f"{100 * sum(x < 0.3 for x in v) / len(v):7.1f}% {100 * statistics.mean(v):6.1f}%")
    if ms:
        ms.sort()
        print(f"time per envelope: p50 {ms[len(ms) // 2]:.0f} ms, p95 {ms[min(len(ms) - 1, int(0.95 * len(ms)))]:.0f} ms")


if __name__ == "__main__":
    main()
