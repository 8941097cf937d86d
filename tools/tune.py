#!/usr/bin/env python3
"""tune.py - tune relief's ranking parameters on every dev set at once.

The procedure (README.md, "Ranking"; BENCHMARKS.md records a run):

1. Each dev set is split in two halves by a hash of its question ids, so
   the split is the same on every run and independent of row order.
   MedQuAD's 13,243 templated questions are sampled (every k-th of each
   half) so that one evaluation takes seconds.
2. The objective is the mean over the sets of one figure each, so that 48
   lay questions weigh as much as thousands of templated ones:
     medquad-dev, backpain-dev   (S@1 + MRR@10) / 2
     consumer-dev                MRR@10 (document level)
     symptom-dev                 share answered in the top 3
3. Coordinate ascent: starting from the compiled-in defaults, each
   parameter in turn takes the value of its grid that scores best, the
   others held; rounds repeat until a round changes nothing (or --rounds).
   A value must beat the current one by --min-gain to be taken.
4. A guard: the templated sets (medquad-dev, backpain-dev) may not fall
   more than --guard below the defaults' figure on the half being tuned;
   each point below costs the objective ten.  Without it the ascent
   trades MedQuAD's section answers for lay questions (the first run of
   this tool took medquad-dev from 0.91 to 0.86 for symptom-dev's gain).
5. Folds: the ascent runs on half A and is scored on half B, then the
   other way round; the report shows both, so a gain that does not carry
   over to the half it was not tuned on is visible.  The final values are
   tuned on both halves together.

usage: python3 tools/tune.py --relief bin/relief --db build/eval/relief.db
           [--evaldir ../shared/eval] [--rounds 3] [--sample 6]
           [--only NAME,...] [--jobs 2] [--out build/tune]
"""
import argparse
import concurrent.futures as cf
import json
import os
import subprocess
import sys
import time
import zlib

# name -> candidate values.  The grids are wide on purpose: a parameter at
# the edge of its grid after tuning says the grid should grow.
GRID = {
    "w_name": [0, 0.15, 0.3, 0.6, 1.0],
    "w_title": [0.25, 0.5, 0.75, 1.0, 1.5],
    "w_typeword": [0, 0.15, 0.3, 0.6],
    "w_synonym": [0.25, 0.5, 0.75, 1.0],
    "w_related": [0, 0.15, 0.3, 0.5],
    "w_phrase": [0, 0.25, 0.5, 1.0],
    "w_typesection": [0, 0.3, 0.75, 1.5, 2.5],
    "k1": [0.6, 0.9, 1.2, 1.6],
    "b": [0.3, 0.5, 0.75],
    "candidates": [40, 60, 100],
    "r_bm25": [0.5, 1.0, 1.5, 2.0],
    "r_cover": [0, 0.5, 1.0, 2.0, 3.0],
    "r_tcover": [0, 0.25, 0.5, 1.0],
    "r_ccover": [0, 0.5, 1.0, 2.0, 3.0],
    "r_title": [0, 0.25, 0.5, 1.0, 1.5],
    "r_gate": [0, 0.5, 1.0],
    "r_section": [0, 0.25, 0.5, 1.0],
    "r_kind": [0, 0.1, 0.25, 0.5],
    "r_article": [0, 0.1, 0.25, 0.5],
    "r_dose": [0, 0.25, 0.5, 1.0],
    "r_name": [0, 0.25, 0.5, 1.0],
    "r_diverse": [0, 0.1, 0.3, 0.5, 1.0],
    "diverse_free": [0, 1, 2],
}

SETS = ["medquad-dev", "backpain-dev", "consumer-dev", "symptom-dev"]


def half_of(qid):
    return zlib.crc32(qid.encode()) & 1


def split_sets(evaldir, out, sample):
    """Writes <set>.A.tsv, <set>.B.tsv and <set>.AB.tsv; returns paths."""
    os.makedirs(out, exist_ok=True)
    paths = {}
    for name in SETS:
        src = os.path.join(evaldir, name + ".tsv")
        if not os.path.exists(src):
            continue
        with open(src, encoding="utf-8") as f:
            header = f.readline()
            rows = [line for line in f if line.strip()]
        halves = {"A": [], "B": []}
        for row in rows:
            halves["AB"[half_of(row.split("\t", 1)[0])]].append(row)
        if name == "medquad-dev":
            for h in halves:
                halves[h] = halves[h][::sample]
        halves["AB"] = halves["A"] + halves["B"]
        paths[name] = {}
        for h, rs in halves.items():
            p = os.path.join(out, "%s.%s.tsv" % (name, h))
            with open(p, "w", encoding="utf-8") as f:
                f.write(header)
                f.writelines(rs)
            paths[name][h] = p
    return paths


def figure(name, fig):
    if name == "consumer-dev":
        return fig["mrr10"]
    if name == "symptom-dev":
        return fig["answered3"] / max(fig["questions"], 1)
    return (fig["success1"] + fig["mrr10"]) / 2


GUARDED = ["medquad-dev", "backpain-dev"]


class Tuner:
    def __init__(self, args, paths):
        self.args = args
        self.paths = paths
        self.cache = {}
        self.floor = {}

    def set_floor(self, start):
        for half in ("A", "B", "AB"):
            _, figs = self.evaluate(start, half)
            self.floor[half] = {n: figs[n] - self.args.guard
                                for n in GUARDED if n in figs}

    def score(self, params, half):
        """The objective, less the guard's penalty."""
        mean, figs = self.evaluate(params, half)
        floor = self.floor.get(half, {})
        return mean - 10 * sum(max(0.0, floor[n] - figs[n]) for n in floor)

    def evaluate(self, params, half):
        """Per-set figures and the objective of params on one half."""
        key = (half, tuple(sorted(params.items())))
        if key in self.cache:
            return self.cache[key]
        cmd_params = []
        for k, v in sorted(params.items()):
            cmd_params += ["--param", "%s=%g" % (k, v)]
        figs = {}
        for name, halves in self.paths.items():
            cmd = [self.args.relief, "eval", "--db", self.args.db,
                   "--format", "json"] + cmd_params + [halves[half]]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("tune: %s: %s" % (" ".join(cmd), r.stderr.strip()))
            figs[name] = figure(name, json.loads(r.stdout))
        result = (sum(figs.values()) / len(figs), figs)
        self.cache[key] = result
        return result

    def ascend(self, start, half, log):
        cur = dict(start)
        best = self.score(cur, half)
        names = [n for n in GRID if not self.args.only or
                 n in self.args.only]
        for rnd in range(self.args.rounds):
            changed = False
            for name in names:
                trials = []
                for v in GRID[name]:
                    p = dict(cur)
                    p[name] = v
                    trials.append((v, p))
                with cf.ThreadPoolExecutor(self.args.jobs) as ex:
                    scores = list(ex.map(
                        lambda t: self.score(t[1], half), trials))
                top = max(range(len(trials)), key=lambda i: scores[i])
                if scores[top] > best + self.args.min_gain:
                    log("  round %d, half %s: %s %g -> %g: %.4f -> %.4f" %
                        (rnd + 1, half, name, cur[name], trials[top][0],
                         best, scores[top]))
                    cur[name] = trials[top][0]
                    best = scores[top]
                    changed = True
            if not changed:
                break
        return cur, best


def defaults(args):
    """The compiled-in values, read from `relief eval --explain`-free
    output: relief prints them with `--param` names in rank.c; here we
    start from the grid's values that rank.c documents."""
    r = subprocess.run([args.relief, "eval", "--print-params"],
                       capture_output=True, text=True)
    if r.returncode == 0:
        return {k: float(v) for k, v in json.loads(r.stdout).items()
                if k in GRID}
    sys.exit("tune: %s eval --print-params failed: %s" %
             (args.relief, r.stderr.strip()))


def table(title, figs_by_col):
    cols = list(figs_by_col)
    lines = ["| %s | %s |" % (title, " | ".join(cols)),
             "|---|" + "---|" * len(cols)]
    for name in SETS:
        if all(name in figs_by_col[c][1] for c in cols):
            lines.append("| %s | %s |" % (name, " | ".join(
                "%.3f" % figs_by_col[c][1][name] for c in cols)))
    lines.append("| objective | %s |" % " | ".join(
        "%.3f" % figs_by_col[c][0] for c in cols))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--relief", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--evaldir", default="../shared/eval")
    ap.add_argument("--out", default="build/tune")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sample", type=int, default=6)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-gain", type=float, default=0.001)
    ap.add_argument("--guard", type=float, default=0.01)
    ap.add_argument("--only", type=lambda s: s.split(","), default=None)
    args = ap.parse_args()

    paths = split_sets(args.evaldir, args.out, args.sample)
    if not paths:
        print("tune: no dev sets in %s; nothing to tune" % args.evaldir)
        return 0
    tuner = Tuner(args, paths)
    log = lambda m: print(m, file=sys.stderr, flush=True)
    start = defaults(args)
    tuner.set_floor(start)
    report = []

    log("tune: fold 1: tune on A, check on B")
    pa, _ = tuner.ascend(start, "A", log)
    log("tune: fold 2: tune on B, check on A")
    pb, _ = tuner.ascend(start, "B", log)
    log("tune: final: tune on A and B")
    pf, _ = tuner.ascend(start, "AB", log)

    report.append(table("fold 1 (tuned on A) on B", {
        "defaults": tuner.evaluate(start, "B"),
        "tuned on A": tuner.evaluate(pa, "B")}))
    report.append(table("fold 2 (tuned on B) on A", {
        "defaults": tuner.evaluate(start, "A"),
        "tuned on B": tuner.evaluate(pb, "A")}))
    report.append(table("final (tuned on A+B)", {
        "defaults": tuner.evaluate(start, "AB"),
        "tuned": tuner.evaluate(pf, "AB")}))
    changed = {k: (start[k], pf[k]) for k in pf if pf[k] != start[k]}
    report.append("Changed by the final tuning: " + (", ".join(
        "%s %g -> %g" % (k, a, b) for k, (a, b) in sorted(changed.items()))
        or "nothing"))
    report.append("Fold 1 values: " + ", ".join(
        "%s=%g" % kv for kv in sorted(pa.items()) if pa[kv[0]] != start[kv[0]]))
    report.append("Fold 2 values: " + ", ".join(
        "%s=%g" % kv for kv in sorted(pb.items()) if pb[kv[0]] != start[kv[0]]))
    text = "\n\n".join(report)
    with open(os.path.join(args.out, "report.md"), "w") as f:
        f.write(text + "\n")
    # The section of BENCHMARKS.md that make tune owns.
    with open(os.path.join(args.out, "section.md"), "w") as f:
        f.write("## Tuning (make tune)\n\n"
                "Produced by `make tune` (`python3 tools/tune.py --sample %d "
                "--rounds %d --guard %g`) on %s over make eval's index; the "
                "procedure is in README.md (\"Tuning\").  Each figure is "
                "the set's objective figure on the half named: (S@1 + "
                "MRR@10) / 2 for the templated sets, MRR@10 for "
                "consumer-dev, the share answered in the top 3 for "
                "symptom-dev.\n\n%s\n" %
                (args.sample, args.rounds, args.guard,
                 time.strftime("%Y-%m-%d", time.gmtime()), text))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
