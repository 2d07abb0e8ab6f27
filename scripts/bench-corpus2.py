#!/usr/bin/env python3
"""Bench of the second corpus (tests/corpus2): runs `guichet match --directory DIR/directory.csv --json`
on the envelopes and `guichet decode --json` on the QR card frames of a corpus that guichet-corpus2
wrote, and prints per class and overall: false attributions (automatic to the wrong dossier, or
automatic for someone not in the directory; the absent look-alikes on their own), the automatic rate
for people in the directory, the top-5 rate when not automatic; per form and per layout where it
fails and why (the CLI's reasons); the cards decoded, the wrong decodes and the median decode time.
The raw answers are kept in CORPUS_DIR/match.jsonl and decode.jsonl.

  scripts/bench-corpus2.py CORPUS_DIR [--guichet build/app/cli/guichet] [--chunk 10]

Run it with `nice`; it sets OMP_THREAD_LIMIT=1 for the CLI.
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import time


def run_json(cmd, images, chunk):
    """Runs cmd + images in chunks; returns one parsed JSON object per image (None when missing)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = []
    for i in range(0, len(images), chunk):
        part = images[i:i + chunk]
        t0 = time.monotonic()
        p = subprocess.run(cmd + part, capture_output=True, text=True, env=env)
        wall = (time.monotonic() - t0) * 1000 / max(1, len(part))
        rows = []
        for line in p.stdout.splitlines():
            line = line.strip()
            if line.startswith("{"):
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
        if len(rows) != len(part):
            # match lines to images by name when the tool names them, else mark the chunk missing
            by = {}
            for r in rows:
                for k in ("image", "file", "path"):
                    if k in r:
                        by[os.path.basename(str(r[k]))] = r
            rows = [by.get(os.path.basename(x)) for x in part]
        for r in rows:
            if r is not None:
                r.setdefault("_wall_ms", wall)
        out.extend(rows)
        sys.stderr.write(f"  {min(i + chunk, len(images))}/{len(images)}\n")
    return out


def cand_ref(c):
    if isinstance(c, dict):
        for k in ("dossier", "ref", "id"):
            if k in c:
                return c[k]
        return None
    return c


def is_auto(r):
    return r is not None and str(r.get("decision", "")).lower() in ("auto", "automatic")


class Stats:
    def __init__(self):
        self.n = self.present = self.auto_ok = self.false_attr = 0
        self.absent = self.absent_auto = self.look = self.look_auto = 0
        self.non_auto = self.top5 = self.failed = 0

    def add(self, t, r):
        self.n += 1
        if r is None:
            self.failed += 1
        dossier = t["dossier"]
        auto = is_auto(r)
        got = r.get("dossier") if r else None
        if auto and (dossier is None or str(got) != str(dossier)):
            self.false_attr += 1
        if dossier is None:
            self.absent += 1
            self.absent_auto += auto
            if t.get("absent") == "look-alike":
                self.look += 1
                self.look_auto += auto
            return
        self.present += 1
        if auto and str(got) == str(dossier):
            self.auto_ok += 1
            return
        self.non_auto += 1
        cands = [str(cand_ref(c)) for c in (r.get("candidates") or [])][:5] if r else []
        self.top5 += str(dossier) in cands

    def row(self, name):
        pct = lambda a, b: f"{100.0 * a / b:5.1f}%" if b else "    -"
        return (f"{name:<16} {self.n:4d} {self.present:4d}  {pct(self.false_attr, self.n)} ({self.false_attr:2d})"
                f"  {pct(self.look_auto, self.look)} ({self.look_auto}/{self.look})"
                f"  {pct(self.auto_ok, self.present)} ({self.auto_ok:3d})"
                f"  {pct(self.top5, self.non_auto)} ({self.top5}/{self.non_auto})"
                f"  {self.failed:3d}")


def header(first):
    return (f"{first:<16} {'n':>4} {'with':>4}  {'false attr':>11}  {'look-alike auto':>15}  {'auto-ok':>12}"
            f"  {'top-5 | not auto':>16}  {'err':>3}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--guichet", default=os.path.join(os.path.dirname(__file__), "..", "build", "app", "cli", "guichet"))
    ap.add_argument("--chunk", type=int, default=10)
    a = ap.parse_args()
    d = a.corpus
    truths = [json.loads(l) for l in open(os.path.join(d, "truth.json"), encoding="utf-8") if l.strip()]
    images = [os.path.join(d, t["image"]) for t in truths]
    t0 = time.monotonic()
    results = run_json([a.guichet, "match", "--directory", os.path.join(d, "directory.csv"), "--json"], images, a.chunk)
    match_s = time.monotonic() - t0
    with open(os.path.join(d, "match.jsonl"), "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    by_class = collections.defaultdict(Stats)
    overall = Stats()
    fails = {k: collections.Counter() for k in ("form", "layout", "civility", "order", "capture")}
    totals = {k: collections.Counter() for k in fails}
    for t, r in zip(truths, results):
        overall.add(t, r)
        by_class[t["class"]].add(t, r)
        ok = (not is_auto(r)) if t["dossier"] is None else (is_auto(r) and str(r.get("dossier")) == str(t["dossier"]))
        wrong = is_auto(r) and (t["dossier"] is None or str(r.get("dossier")) != str(t["dossier"]))
        for k in fails:
            key = t.get(k) or "(none)"
            totals[k][key] += 1
            if not ok:
                fails[k][key] += 1
            if wrong:
                fails[k][key + " [FALSE]"] += 1

    print(f"corpus {d}: {len(truths)} envelopes, match {match_s:.0f} s")
    print(header("class"))
    for c in ("clean-scan", "photo", "held-in-hand", "handwritten", "webcam"):
        if c in by_class:
            print(by_class[c].row(c))
    print(overall.row("overall"))
    print("(with = in the directory; false attr = automatic to a wrong dossier or for someone absent, over n;\n"
          " look-alike auto = absent look-alikes attributed automatically; auto-ok = right dossier automatically,\n"
          " over with; top-5 | not auto = right dossier among the first 5 candidates when not automatic)")
    for k in ("form", "layout", "capture"):
        print(f"\nnot right per {k} (not right = in the directory and not auto-ok, or absent and automatic):")
        for key, n in sorted(totals[k].items(), key=lambda kv: -fails[k][kv[0]] / kv[1]):
            print(f"  {key:<18} {fails[k][key]:3d} of {n:3d}   false attributions {fails[k][key + ' [FALSE]']}")

    reasons = collections.Counter()
    for t, r in zip(truths, results):
        if t["dossier"] is not None and r is not None and not (is_auto(r) and str(r.get("dossier")) == str(t["dossier"])):
            reasons[f"{r.get('decision')}: {r.get('reason', '')}"] += 1
        elif t["dossier"] is not None and r is not None and is_auto(r):
            pass
    wrong_reasons = collections.Counter(
        r.get("reason", "") for t, r in zip(truths, results)
        if r is not None and is_auto(r) and (t["dossier"] is None or str(r.get("dossier")) != str(t["dossier"])))
    print("\nwhy the ones in the directory were not attributed automatically (decision: reason):")
    for key, n in reasons.most_common():
        print(f"  {n:3d}  {key}")
    if wrong_reasons:
        print("false attributions (reason given):")
        for key, n in wrong_reasons.most_common():
            print(f"  {n:3d}  {key}")

    cards_path = os.path.join(d, "cards.json")
    if os.path.exists(cards_path):
        cards = [json.loads(l) for l in open(cards_path, encoding="utf-8") if l.strip()]
        imgs = [os.path.join(d, c["image"]) for c in cards]
        res = run_json([a.guichet, "decode", "--json"], imgs, a.chunk)
        with open(os.path.join(d, "decode.jsonl"), "w", encoding="utf-8") as f:
            for r in res:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        per = collections.defaultdict(lambda: [0, 0, 0])
        ms = []
        for c, r in zip(cards, res):
            texts = []
            if r:
                for code in r.get("codes") or r.get("results") or r.get("barcodes") or []:
                    texts.append(code.get("text") if isinstance(code, dict) else str(code))
                if "text" in r:
                    texts.append(r["text"])
                ms.append(float(r.get("ms", r.get("_wall_ms", 0))))
            for key in (c["distance"], "overall"):
                per[key][0] += 1
                per[key][1] += c["text"] in texts
                per[key][2] += any(x and x != c["text"] for x in texts)
        print(f"\ncards: {len(cards)} frames")
        print(f"{'distance':<10} {'n':>4} {'decoded':>9} {'wrong':>6}")
        for key in ("far", "mid", "near", "overall"):
            n, ok, wrong = per[key]
            if n:
                print(f"{key:<10} {n:4d} {100.0 * ok / n:8.1f}% {wrong:6d}")
        if ms:
            print(f"median decode {statistics.median(ms):.0f} ms per frame")


if __name__ == "__main__":
    main()
