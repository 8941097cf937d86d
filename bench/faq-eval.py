#!/usr/bin/env python3
"""The offline FAQ's figures for make bench (bench/faq-bench.sh).

    faq-eval.py accuracy RELIEF BUNDLE QUESTIONS.tsv [--bm25]
        how often the matched entry comes from a gold article (gold_path,
        or one of alt_gold), first entry and first three; prints
        "N TOP1 TOP3"
    faq-eval.py latency RELIEF BUNDLE QUESTIONS.tsv COUNT
        runs one whole `relief faq` process per question (cold start
        included) for the first COUNT questions; prints "MEDIAN_MS P99_MS"
"""
import json
import re
import subprocess
import sys
import time


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        rows = []
        for line in f:
            v = line.rstrip("\n").split("\t")
            rows.append(dict(zip(head, v + [""] * (len(head) - len(v)))))
    return rows


def gold(row):
    g = set()
    for field in ("gold_path", "gold_source", "alt_gold"):
        for p in re.split(r"[;,| ]+", row.get(field, "")):
            if p:
                g.add(p.split("#")[0])
    return g


def question(row):
    return " ".join((row.get("question") or row.get("query") or "").split())


def accuracy(relief, bundle, tsv, bm25):
    rows = read_tsv(tsv)
    args = [relief, "faq", "--batch", "--bundle", bundle]
    if bm25:
        args.append("--bm25")
    out = subprocess.run(args, input="\n".join(question(r) for r in rows) +
                         "\n", capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert len(lines) == len(rows), (len(lines), len(rows))
    top1 = top3 = 0
    for row, line in zip(rows, lines):
        d = json.loads(line)
        entries = ([d["match"]] if d.get("match") else []) + \
            d.get("related", [])
        g = gold(row)
        hits = [bool(g & set(e["sources"])) for e in entries[:3]]
        top1 += bool(hits and hits[0])
        top3 += any(hits)
    n = len(rows)
    print(n, "%.3f" % (top1 / n), "%.3f" % (top3 / n))


def latency(relief, bundle, tsv, count):
    rows = read_tsv(tsv)[:count]
    times = []
    for r in rows:
        t = time.perf_counter()
        subprocess.run([relief, "faq", "--bundle", bundle, question(r)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()
    med = times[(len(times) - 1) // 2]
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    print("%.1f %.1f" % (med, p99))


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "accuracy":
        accuracy(sys.argv[2], sys.argv[3], sys.argv[4],
                 len(sys.argv) > 5 and sys.argv[5] == "--bm25")
    else:
        latency(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
