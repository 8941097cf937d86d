#!/usr/bin/env python3
"""eval-table.py - the Markdown table of one dev set for tools/eval.sh.

usage: eval-table.py SET RELIEF.json ARTICLE.json PASSAGE.json
                     ARTICLE.log PASSAGE.log

The JSON files are `relief eval --format json` output (relief in-process,
then the plain-Xapian baseline's answers with one document per article and
one per passage); the logs hold the baseline's `--timings` line.  Which
rows are shown follows the file's kind: templated questions have answer
texts (S@k), consumer questions only gold articles (MRR@10 and R@10, per
set too), symptom questions a gold phrase (answered in the top 3).
"""
import json
import re
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.loads(f.read())


def timing(path, name):
    with open(path, encoding="utf-8") as f:
        found = re.findall(r" %s ([0-9.]+) ms" % name, f.read())
    return float(found[-1]) if found else 0.0


def ratio(r, b):
    return "%.2fx" % (r / b) if b > 0 else "n/a"


def main():
    name, rp, ap, pp, alog, plog = sys.argv[1:7]
    r, a, p = load(rp), load(ap), load(pp)
    kind = r.get("kind", "templated")
    out = ["", "### %s.tsv: %d questions (%s)" % (name, r["questions"], kind),
           "",
           "| measure | relief | baseline, article docs | "
           "baseline, passage docs | relief vs best baseline (passages for answers) |",
           "|---|---|---|---|---|"]

    def row(label, key, src_r=r, src_a=a, src_p=p, fmt="%.3f"):
        vr, va, vp = src_r[key], src_a[key], src_p[key]
        best = vp if kind == "phrase" and key != "mrr10" else max(va, vp)
        if key == "mrr10" and best < 1:
            cmp = "misses cut %.1f %%" % (100 * (vr - best) / (1 - best))
        else:
            cmp = ratio(vr, best)
        out.append("| %s | %s | %s | %s | %s |" %
                   (label, fmt % vr, fmt % va, fmt % vp, cmp))

    if kind == "phrase":
        n = r["questions"]
        for src in (r, a, p):
            src["answered3_of"] = "%d / %d" % (src["answered3"], n)
        # An article document holds every phrase of its article, so the
        # answer-level figures compare with the passage baseline only.
        out.append("| answered in the top 3 | %s | %s | %s | %s |" % (
            r["answered3_of"], a["answered3_of"], p["answered3_of"],
            ratio(r["answered3"], p["answered3"])))
        row("S@1", "success1")
        row("MRR@10, answer level", "answer_mrr10")
        row("MRR@10, article level", "mrr10")
    elif kind == "document":
        row("MRR@10", "mrr10")
        row("R@1", "recall1")
        row("R@10", "recall10")
        for s in r.get("sets", {}):
            if s in a.get("sets", {}) and s in p.get("sets", {}):
                row("%s (%d) MRR@10" % (s, r["sets"][s]["questions"]),
                    "mrr10", r["sets"][s], a["sets"][s], p["sets"][s])
    else:
        for key, label in (("mrr10", "MRR@10"), ("recall1", "R@1"),
                           ("recall5", "R@5"), ("recall10", "R@10"),
                           ("success1", "S@1"), ("success5", "S@5")):
            row(label, key)
    for pc in ("p50", "p95", "p99"):
        vr = r.get(pc + "_ms", 0.0)
        va, vp = timing(alog, pc), timing(plog, pc)
        out.append("| %s latency | %.3f ms | %.3f ms | %.3f ms | "
                   "%s / %s |" % (pc, vr, va, vp, ratio(vr, va),
                                  ratio(vr, vp)))
    print("\n".join(out))


if __name__ == "__main__":
    main()
