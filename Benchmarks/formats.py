#!/usr/bin/env python3
"""The kit's sessions.tsv (start, end, course, note; UTC) as the other files credstack imports:
sessions.csv as a spreadsheet saves it (local times without an offset, a header row, quoted notes)
and timew.json as `timew export` writes it. Same sessions, so every import gives the same log.

    python3 Benchmarks/formats.py DIR      # reads DIR/sessions.tsv, writes DIR/sessions.csv and DIR/timew.json
"""
import json, sys

folder = sys.argv[1]
rows = [line.rstrip("\n").split("\t") for line in open(f"{folder}/sessions.tsv", encoding="utf-8")][1:]

def local(t):  # 2021-09-06T09:30:00Z -> 2021-09-06 09:30 (the data are UTC and the benchmark's profile is too)
    return t[:10] + " " + t[11:16] + ("" if t[17:19] in ("", "00") else t[16:19])

def compact(t):  # 2021-09-06T09:30:00Z -> 20210906T093000Z
    return t.replace("-", "").replace(":", "")

with open(f"{folder}/sessions.csv", "w", encoding="utf-8") as out:
    out.write("start,end,course,note\n")
    for start, end, course, note in rows:
        out.write(f'{local(start)},{local(end)},{course},"{note.replace(chr(34), chr(34) * 2)}"\n')

with open(f"{folder}/timew.json", "w", encoding="utf-8") as out:
    out.write("[\n")
    for i, (start, end, course, note) in enumerate(rows, 1):
        interval = {"id": len(rows) - i + 1, "start": compact(start), "end": compact(end), "tags": [course]}
        if note:
            interval["annotation"] = note
        out.write(("," if i > 1 else "") + json.dumps(interval, separators=(",", ":"), ensure_ascii=False) + "\n")
    out.write("]\n")
