"""Runs Python trafilatura over the pages a manifest names, for compare.py.

Usage: python trafilatura_runner.py MANIFEST OUT [REPEAT]
MANIFEST: one JSON object per line, {"key", "path", "url"}. Every page is read
first; each is then extracted in turn on this one thread with default settings
and the page's URL; OUT gets {"key", "text"} per line (text null on an error or
when trafilatura finds nothing). Prints "cpu_seconds S wall_seconds W" for the
extraction loop (process CPU time; with REPEAT, the mean of that many passes).
"""
import json
import sys
import time

import trafilatura


def main():
    manifest, out = sys.argv[1], sys.argv[2]
    repeat = max(1, int(sys.argv[3])) if len(sys.argv) > 3 else 1
    pages = []
    with open(manifest, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                e = json.loads(line)
                with open(e["path"], "rb") as p:
                    pages.append((e["key"], e.get("url"), p.read()))
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        texts = []
        for _, url, raw in pages:
            try:
                texts.append(trafilatura.extract(raw, url=url))
            except Exception:  # noqa: BLE001 - a failed extraction is scored as such
                texts.append(None)
    cpu, wall = (time.process_time() - c0) / repeat, (time.perf_counter() - w0) / repeat
    with open(out, "w", encoding="utf-8") as f:
        for (key, _, _), text in zip(pages, texts):
            f.write(json.dumps({"key": key, "text": text}, ensure_ascii=False) + "\n")
    print(f"cpu_seconds {cpu:.4f} wall_seconds {wall:.4f} version {trafilatura.__version__}")


if __name__ == "__main__":
    main()
