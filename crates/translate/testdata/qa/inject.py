#!/usr/bin/env python3
"""Writes defects.jsonl from clean.jsonl: each line one clean pair with one
injected defect, named in "defect". Deterministic (a fixed seed), so running
it again gives the same file. Run from this directory: python3 inject.py

Kinds: partly_untranslated (the end of the sentence left in Vietnamese),
truncated (cut mid-sentence), number_changed (a number, a date or a time
changed, small ones too), score_swapped (2-1 written 1-2), markup_lost (an
inline tag pair dropped), name_changed (a syllable of a personal name
changed), loop (a phrase repeated), empty.
"""

import json
import random
import re

rng = random.Random(14)
clean = [json.loads(l) for l in open("clean.jsonl", encoding="utf-8") if l.strip()]
out = []


def add(case, kind, translation):
    if translation == case["translation"]:
        return
    out.append({"pair": case["pair"], "source": case["source"],
                "translation": translation, "defect": kind})


def words(text):
    return text.split(" ")


TERMINAL = ".!?…”»\""

# partly_untranslated: the first part translated, the rest of the source kept.
for case in clean:
    src, tgt = words(case["source"]), words(case["translation"])
    if len(src) < 10 or "<" in case["source"]:
        continue
    keep_t = int(len(tgt) * rng.uniform(0.35, 0.6))
    keep_s = int(len(src) * rng.uniform(0.35, 0.6))
    add(case, "partly_untranslated", " ".join(tgt[:keep_t] + src[keep_s:]))

# truncated: stops after 40-75 % of the words, no closing punctuation.
for case in clean:
    tgt = words(case["translation"])
    if len(tgt) < 7 or case["source"][-1] not in TERMINAL or "<" in case["source"]:
        continue
    cut = " ".join(tgt[: max(3, int(len(tgt) * rng.uniform(0.4, 0.75)))])
    add(case, "truncated", cut.rstrip(",;:— "))

# number_changed: one number of the translation changed (digits, words,
# months, times).
WORDS = {"two": "three", "three": "four", "five": "six", "six": "seven", "nine": "ten",
         "deux": "trois", "trois": "quatre", "cinq": "six", "six": "sept", "neuf": "dix",
         "Three": "Four", "Trois": "Quatre", "four": "five", "quatre": "cinq",
         "September": "October", "septembre": "octobre", "March": "May", "mars": "mai",
         "November": "December", "novembre": "décembre", "July": "June", "juillet": "juin"}
for case in clean:
    t = case["translation"]
    nums = [m for m in re.finditer(r"(?<![\w.,])\d+(?![\w])", t)
            if not re.match(r"\d-\d", t[m.start():m.end() + 2])]
    if nums:
        m = rng.choice(nums)
        n = int(m.group())
        new = n + rng.choice([1, 2, 4]) if n < 20 else n + rng.choice([10, 100, 1])
        add(case, "number_changed", t[: m.start()] + str(new) + t[m.end():])
    for w, repl in WORDS.items():
        if re.search(r"\b%s\b" % w, t) and rng.random() < 0.5:
            add(case, "number_changed", re.sub(r"\b%s\b" % w, repl, t, count=1))
            break

# score_swapped: a score or range written the other way round.
for case in clean:
    t = case["translation"]
    m = re.search(r"(?<![\d.,])(\d{1,2})-(\d{1,2})(?![\d.,])", t)
    if m and m.group(1) != m.group(2):
        add(case, "score_swapped",
            t[: m.start()] + f"{m.group(2)}-{m.group(1)}" + t[m.end():])

# markup_lost: one inline element's tags dropped, its text kept.
for case in clean:
    t = case["translation"]
    m = re.search(r"<(x\d|b|i|a)\b[^>]*>(.*?)</\1>", t)
    if m:
        add(case, "markup_lost", t[: m.start()] + m.group(2) + t[m.end():])
    elif "<x1/>" in t:
        add(case, "markup_lost", t.replace("<x1/>", " "))

# name_changed: a syllable of a personal name changed, or the family name.
SWAPS = [("Văn An", "Văn Anh"), ("Thị Ngân", "Thị Nga"), ("Minh Đức", "Minh Đạt"),
         ("Quốc Huy", "Quốc Hùng"), ("Thị Hoa", "Thị Hòa"), ("Văn Nam", "Văn Nhân"),
         ("Nhật Ánh", "Nhật Anh"), ("Đức Thắng", "Đức Thành"), ("Văn Cường", "Văn Cương"),
         ("Thị Mai", "Thị Mây"), ("Thu Trang", "Thu Thảo"), ("Tiến Linh", "Tiến Lĩnh"),
         ("Trịnh Thị", "Trần Thị"), ("Phan Văn", "Phạm Văn"), ("Đặng Văn", "Đỗ Văn")]
for case in clean:
    t = case["translation"]
    for a, b in SWAPS:
        if a in t:
            add(case, "name_changed", t.replace(a, b, 1))
            break

# loop: the engine repeats the last words of the sentence.
for i, case in enumerate(clean):
    if i % 3:
        continue
    t = case["translation"].rstrip(".")
    w = words(t)
    if len(w) < 6:
        continue
    n = rng.choice([2, 3])
    phrase = " ".join(w[-n:])
    add(case, "loop", t + (" " + phrase) * rng.choice([3, 4]) + ".")

# empty: nothing, or only spaces.
for i, case in enumerate(clean):
    if i % 10 == 0:
        add(case, "empty", rng.choice(["", " ", "  \n"]))

with open("defects.jsonl", "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
counts = {}
for o in out:
    counts[o["defect"]] = counts.get(o["defect"], 0) + 1
print(len(out), counts)
