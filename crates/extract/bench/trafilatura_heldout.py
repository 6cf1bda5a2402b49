"""Scores Python trafilatura on the held-out set exactly as examples/heldout.rs scores extract.

Usage: python3 trafilatura_heldout.py DIR   (DIR/html/<id>.html, DIR/ground-truth.json)
Per page: 4-word shingles (tokens are \\w+ runs) of the extracted text against the
ground truth's articleBody, normalised to sum to 1; precision and recall averaged
over pages, F1 from the averages. Extraction time only, one thread, default settings.
"""
import json
import os
import re
import sys
import time
from collections import Counter

import trafilatura

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text):
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens[i:i + 4])


def score(truth, pred):
    t, p = shingles(truth), shingles(pred)
    tp = sum(min(c, p.get(k, 0)) for k, c in t.items())
    fn = sum(max(0, c - p.get(k, 0)) for k, c in t.items())
    fp = sum(max(0, c - t.get(k, 0)) for k, c in p.items())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def main():
    d = sys.argv[1]
    truth = json.load(open(os.path.join(d, "ground-truth.json"), encoding="utf-8"))
    inputs = []
    for key in sorted(truth):
        with open(os.path.join(d, "html", key + ".html"), "rb") as f:
            inputs.append((key, truth[key].get("url"), f.read()))
    c0 = time.thread_time()
    texts = []
    for key, url, raw in inputs:
        try:
            texts.append(trafilatura.extract(raw, url=url) or "")
        except Exception:  # noqa: BLE001 - a failed extraction is scored as empty
            texts.append("")
    cpu = time.thread_time() - c0
    scores = [score(truth[k].get("articleBody", ""), t) for (k, _, _), t in zip(inputs, texts)]
    ps = [precision(*s) for s in scores if s[0] + s[1] > 0]
    rs = [recall(*s) for s in scores if s[0] + s[2] > 0]
    p, r = sum(ps) / max(1, len(ps)), sum(rs) / max(1, len(rs))
    print(f"held-out     {len(scores)} pages  precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / (p + r):.3f}")
    print(f"per CPU-s    {len(inputs) / cpu:.1f} pages/s (one thread), trafilatura {trafilatura.__version__}")


if __name__ == "__main__":
    main()
