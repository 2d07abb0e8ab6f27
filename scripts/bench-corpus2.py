#!/usr/bin/env python3
"""Bench of the second corpus (tests/corpus2): runs `guichet match --directory DIR/directory.csv --json`
on the envelopes and `guichet decode --json` on the QR card frames of a corpus that guichet-corpus2
wrote, and prints per class and overall: false attributions (automatic to the wrong dossier, or
automatic for someone not in the directory; the absent look-alikes on their own), the automatic rate
for people in the directory, the top-5 rate when not automatic; per form and per layout where it
fails and why (the CLI's reasons); the cards decoded, the wrong decodes and the median decode time.
The raw answers are kept in CORPUS_DIR/match.jsonl and decode.jsonl.

  scripts/bench-corpus2.py CORPUS_DIR [--guichet build/app/cli/guichet] [--chunk 10]
  scripts/bench-corpus2.py --table --tuning DIR[=MATCH_JSONL]... [--held-out DIR[=MATCH_JSONL]...]
                           [--first-corpus BENCH_ENVELOPE_OUTPUT]

The second form runs nothing: it prints the issue's table (issue 22) from answers already kept
(CORPUS_DIR/match.jsonl, or the file after '='), tuning seeds and held-out seeds apart, and the first
corpus's figures from a saved `guichet-bench-envelope` output.

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


def load_pairs(spec):
    d, _, jsonl = spec.partition("=")
    truths = [json.loads(l) for l in open(os.path.join(d, "truth.json"), encoding="utf-8") if l.strip()]
    rows = {}
    for l in open(jsonl or os.path.join(d, "match.jsonl"), encoding="utf-8"):
        l = l.strip()
        if l and l != "null":
            r = json.loads(l)
            rows[os.path.basename(str(r.get("image", "")))] = r
    cards = []
    if os.path.exists(os.path.join(d, "cards.json")) and os.path.exists(os.path.join(d, "decode.jsonl")):
        cards = list(zip([json.loads(l) for l in open(os.path.join(d, "cards.json")) if l.strip()],
                         [json.loads(l) if l.strip() != "null" else None for l in open(os.path.join(d, "decode.jsonl"))]))
    return [(t, rows.get(t["image"])) for t in truths], cards


def issue_column(specs):
    """The issue's measures over the corpora `specs`: a dict of printable cells."""
    overall, clean, photo, hand, written = Stats(), Stats(), Stats(), Stats(), Stats()
    card_n = card_ok = card_wrong = 0
    for spec in specs:
        pairs, cards = load_pairs(spec)
        for t, r in pairs:
            overall.add(t, r)
            {"clean-scan": clean, "photo": photo, "held-in-hand": hand, "handwritten": written}.get(
                t["class"], Stats()).add(t, r)
        for c, r in cards:
            texts = [x.get("text") if isinstance(x, dict) else str(x) for x in ((r or {}).get("codes") or [])]
            card_n += 1
            card_ok += c["text"] in texts
            card_wrong += any(x and x != c["text"] for x in texts)
    pct = lambda a, b: f"{100.0 * a / b:.1f} %" if b else "-"
    return {
        "false attribution (absent look-alikes auto)":
            f"{overall.false_attr} / {overall.n} ({overall.look_auto} / {overall.look})",
        "automatic, all in-directory": pct(overall.auto_ok, overall.present),
        "automatic, clean scans": pct(clean.auto_ok, clean.present),
        "automatic, photos / held in hand": f"{pct(photo.auto_ok, photo.present)} / {pct(hand.auto_ok, hand.present)}",
        "automatic, handwritten": pct(written.auto_ok, written.present),
        "right dossier in the top 5 when not automatic": pct(overall.top5, overall.non_auto),
        "card QR decoded (wrong)": f"{pct(card_ok, card_n)} ({card_wrong})" if card_n else "-",
    }


def first_corpus_column(path):
    """The same measures from a saved guichet-bench-envelope output (top-3 there, not top-5)."""
    rows = {}
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 6 and parts[0] in ("overall", "clean-scans", "photo", "handwritten"):
            rows[parts[0]] = parts
    cell = lambda k, i: rows[k][i] if k in rows else "-"
    return {
        "false attribution (absent look-alikes auto)": cell("overall", 4) + " " + cell("overall", 5),
        "automatic, all in-directory": cell("overall", 3),
        "automatic, clean scans": cell("clean-scans", 3),
        "automatic, photos / held in hand": cell("photo", 3) + " / -",
        "automatic, handwritten": cell("handwritten", 3),
        "right dossier in the top 5 when not automatic": "top-3 " + cell("overall", 6) + " " + cell("overall", 7),
        "card QR decoded (wrong)": "-",
    }


def print_issue_table(a):
    columns = []
    if a.first_corpus:
        columns.append(("first corpus", first_corpus_column(a.first_corpus)))
    if a.tuning:
        columns.append(("corpus2 tuning (" + str(len(a.tuning)) + " seeds)", issue_column(a.tuning)))
    if a.held_out:
        columns.append(("corpus2 HELD OUT (" + str(len(a.held_out)) + " seeds)", issue_column(a.held_out)))
    print("| measure | " + " | ".join(name for name, _ in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for key in columns[0][1]:
        print(f"| {key} | " + " | ".join(col[key] for _, col in columns) + " |")


def main():
    if "--table" in sys.argv:
        tp = argparse.ArgumentParser()
        tp.add_argument("--table", action="store_true")
        tp.add_argument("--tuning", nargs="*", default=[])
        tp.add_argument("--held-out", nargs="*", default=[])
        tp.add_argument("--first-corpus")
        print_issue_table(tp.parse_args())
        return
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
