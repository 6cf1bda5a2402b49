"""Scores Python trafilatura on trafilatura-eval exactly as examples/eval.rs scores extract.

Usage: python3 trafilatura_eval.py ../shared/bench/trafilatura-eval
Extraction time only (reading files excluded), one thread, default ("standard") settings.
"""
import json
import os
import sys
import time

import trafilatura


def collapse(s):
    return " ".join(s.split())


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/trafilatura-eval"
    data = json.load(open(os.path.join(d, "evaldata.json"), encoding="utf-8"))
    tp = fp = tn = fn = 0
    elapsed = 0.0
    cpu = 0.0
    pages = 0
    # Read every page first, so the timed loop does extraction only.
    inputs = []
    for url in sorted(data):
        e = data[url]
        path = os.path.join(d, "cache", e["file"])
        if not os.path.exists(path):
            path = os.path.join(d, "eval", e["file"])
        with open(path, "rb") as f:
            inputs.append((url, e, f.read()))
    texts = []
    t0 = time.perf_counter()
    c0 = time.thread_time()
    for url, e, raw in inputs:
        try:
            texts.append(trafilatura.extract(raw, url=url))
        except Exception:  # noqa: BLE001 - a failed extraction is scored as such
            texts.append(None)
    elapsed = time.perf_counter() - t0
    cpu = time.thread_time() - c0
    for (url, e, raw), text in zip(inputs, texts):
        pages += 1
        w = [collapse(s) for s in e["with"]]
        wo = [collapse(s) for s in e["without"]]
        if text is None:
            fn += len(w)
            tn += len(wo)
            continue
        t = collapse(text)
        for s in w:
            if s in t:
                tp += 1
            else:
                fn += 1
        for s in wo:
            if s in t:
                fp += 1
            else:
                tn += 1
    p = tp / (tp + fp)
    r = tp / (tp + fn)
    print(f"trafilatura {trafilatura.__version__}: pages {pages}")
    print(f"TP {tp}  FP {fp}  TN {tn}  FN {fn}")
    print(f"precision    {p:.3f}")
    print(f"recall       {r:.3f}")
    print(f"accuracy     {(tp + tn) / (tp + fp + tn + fn):.3f}")
    print(f"F1           {2 * tp / (2 * tp + fp + fn):.3f}")
    print(f"time         {elapsed:.3f} s wall, {cpu:.2f} s CPU (extraction only, one thread)")
    print(f"per CPU-s    {pages / cpu:.1f} pages/s")
    print(f"throughput   {pages / elapsed:.1f} pages/s")


if __name__ == "__main__":
    main()
