#!/usr/bin/env python3
"""Scores OCR output for bench/run_ocr_bench.sh: character error rate against the ground
truth kept beside each generated page, and header-field agreement with corpus/gold.

  ocr_score.py cer TRUTH.txt HYPOTHESIS.txt      -> prints the CER (edit distance / truth length)
  ocr_score.py fields GOLD.json RECORD.json      -> prints "matched total" for header fields

Text is compared with whitespace collapsed (line breaks are layout, not characters) and
NFC-normalised; the order of the text counts (a header read column by column is right,
the two columns interleaved word by word are not)."""
import json
import sys
import unicodedata


def canon(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def fold(v):
    if v is None:
        return None
    return canon(str(v)).casefold().rstrip(";,.")


def fields(gold, rec):
    g = gold["documents"][0]
    if not rec.get("documents"):
        return 0, 9
    r = rec["documents"][0]
    pairs = [
        (g.get("number"), r.get("number")), (g.get("symbol"), r.get("symbol")),
        (g.get("date"), r.get("date")), (g.get("place"), r.get("place")),
        (g.get("type"), r.get("type")),
        ((g.get("issuer") or {}).get("name"), (r.get("issuer") or {}).get("name")),
        ((g.get("signer") or {}).get("name"), (r.get("signer") or {}).get("name")),
        ((g.get("signer") or {}).get("position"), (r.get("signer") or {}).get("position")),
        ((g.get("recipients") or [None])[0], (r.get("recipients") or [None])[0]),
    ]
    return sum(fold(a) == fold(b) for a, b in pairs), len(pairs)


if __name__ == "__main__":
    if sys.argv[1] == "cer":
        truth = canon(open(sys.argv[2], encoding="utf-8").read())
        hyp = open(sys.argv[3], encoding="utf-8", errors="replace").read()
        if sys.argv[3].endswith(".json"):
            rec = json.loads(hyp)
            hyp = "\n".join(d.get("text", "") for d in rec.get("documents", []))
        hyp = canon(hyp)
        print(f"{edit_distance(truth, hyp) / max(1, len(truth)):.4f}")
    else:
        m, n = fields(json.load(open(sys.argv[2])), json.load(open(sys.argv[3])))
        print(m, n)
