#!/bin/sh
# End-to-end test of sharded knowledge bases: corpus/ (and ../shared/seeds
# when present) indexed as one database and as 3 shards behind a stub must
# give the same answers, and as 4 shards, also with 2 of them served by
# xapian-tcpsrv; the stub must work with its shards served by
# xapian-tcpsrv on free loopback ports; re-indexing and pruning must find
# an article in its shard; a mismatched --shards is refused.
#
#   sh tests/shards.sh RELIEF RELIEF_CGI
#
# Prints one line per check and ends with "N passed, N failed"; exits
# non-zero when a check failed.  Without xapian-tcpsrv (Debian
# xapian-tools) the remote checks are skipped with a message.
set -u
relief=$1
cgi=$2
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${RELIEF_SHARED:-$here/../shared}
dir=$(mktemp -d)
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; [ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
. "$(dirname "$0")/checks.sh"

# The input, in a folder of our own so that the prune check can delete.
mkdir "$dir/in"
cp -r "$here/corpus/." "$dir/in/"
[ -d "$shared/seeds" ] && cp -r "$shared/seeds" "$dir/in/seeds"

# The questions: the dev sets that ask about this corpus, else a few.
questions=$dir/questions.txt
for f in "$shared/eval/symptom-dev.tsv" "$shared/eval/backpain-dev.tsv"; do
	[ -f "$f" ] && tail -n +2 "$f" | cut -f2 >>"$questions"
done
[ -s "$questions" ] || printf '%s\n' "running back pain" \
	"stiff lower back when I wake up" "sciatica stretches" \
	"how long to hold a hamstring stretch" "hot or cold pack" \
	>"$questions"

index() {
	"$relief" index --quiet "$@" >"$dir/index.log" 2>&1
}

if index --db "$dir/one" "$dir/in" &&
	index --db "$dir/three" --shards 3 "$dir/in"; then
	ok "indexed as one database and as 3 shards"
else
	bad "indexing: $(cat "$dir/index.log")"
fi
if [ -f "$dir/three" ] && [ "$(grep -c '^auto three.shards/' "$dir/three")" = 3 ] &&
	[ -d "$dir/three.shards/2" ]; then
	ok "a stub file names the 3 shards, relative to its folder"
else
	bad "no stub file of 3 shards: $(cat "$dir/three" 2>&1)"
fi

# relief stats sums over the shards.
counts() {
	"$relief" stats --db "$1" --format json |
		python3 -c 'import json,sys; s=json.load(sys.stdin);
print(s["articles"], s["snippets"], s["documents"], s["terms"])'
}
if [ "$(counts "$dir/one")" = "$(counts "$dir/three")" ]; then
	ok "stats: the same articles, snippets and terms ($(counts "$dir/one"))"
else
	bad "stats: $(counts "$dir/one") vs $(counts "$dir/three")"
fi

# The answers: the same sources and snippets in the same order.  Scores
# are not compared, only reported: Xapian's BM25 weights over the shards
# equal those of one database, but re-ranking features move some scores
# by under 1 %.  A
# question whose spelling suggestion differs is counted apart: Xapian's
# suggestion over several shards' dictionaries is not always that of one
# dictionary.  Over remote shards the results must be identical (the
# match-count estimate may differ).
answers() {
	"$relief" query --batch --db "$1" --limit 10 <"$questions" >"$2"
}
compare='
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
exact = sys.argv[3] == "exact"
if len(a) != len(b):
    sys.exit("%d answers vs %d" % (len(a), len(b)))
diff = spell = 0
worst = 0.0
for x, y in zip(a, b):
    rx = [(r["source"], r["snippet"], r["score"]) for r in x["results"]]
    ry = [(r["source"], r["snippet"], r["score"]) for r in y["results"]]
    if exact:
        same = x["results"] == y["results"]
    else:
        same = [r[:2] for r in rx] == [r[:2] for r in ry]
        if same:
            worst = max([worst] + [abs(p[2] - q[2]) / max(abs(p[2]), 1e-9)
                                   for p, q in zip(rx, ry)])
    if same:
        continue
    if x.get("suggestion") != y.get("suggestion"):
        spell += 1
        continue
    diff += 1
    print("differs:", x["query"], file=sys.stderr)
print(len(a), "questions,", diff, "differ,", spell,
      "with another spelling suggestion; scores within %.2g %%" % (100 * worst))
sys.exit(1 if diff else 0)
'
# agree A B MODE WHAT [OK]: compares the answer files A and B with
# $compare (MODE: close or exact); ok "OK$r" (OK defaults to "WHAT: ")
# when they agree, else bad "WHAT: $r", $r being what $compare says.
agree() {
	if r=$(python3 -c "$compare" "$1" "$2" "$3"); then
		ok "${5:-$4: }$r"
	else
		bad "$4: $r"
	fi
}

answers "$dir/one" "$dir/a1.jsonl"
answers "$dir/three" "$dir/a3.jsonl"
agree "$dir/a1.jsonl" "$dir/a3.jsonl" close "one database vs 3 local shards"

# 4 shards, as the issue's tests ask, against one database too.
if index --db "$dir/four" --shards 4 "$dir/in"; then
	answers "$dir/four" "$dir/a4.jsonl"
	agree "$dir/a1.jsonl" "$dir/a4.jsonl" close \
		"one database vs 4 local shards"
else
	bad "indexing 4 shards: $(cat "$dir/index.log")"
fi

# The search page reads the stub as any database.
if REQUEST_METHOD=GET QUERY_STRING='q=running+back+pain' \
	RELIEF_DB="$dir/three" "$cgi" 2>/dev/null |
	grep -q 'running'; then
	ok "relief.cgi answers from the stub"
else
	bad "relief.cgi over the stub"
fi

# The FAQ bundle builds from the stub.
if "$relief" faq build --db "$dir/three" --out "$dir/three.faq" \
	>/dev/null 2>"$dir/faq.log"; then
	ok "relief faq build reads the stub"
else
	bad "relief faq build over the stub: $(cat "$dir/faq.log")"
fi

# Remote: each shard behind its own xapian-tcpsrv, a stub naming them.
if command -v xapian-tcpsrv >/dev/null 2>&1; then
	: >"$dir/remote"
	for i in 0 1 2; do
		serve_remote "$dir/three.shards/$i" "$dir/remote"
	done
	wait_readable "$relief" "$dir/remote"
	answers "$dir/remote" "$dir/ar.jsonl"
	agree "$dir/a3.jsonl" "$dir/ar.jsonl" exact \
		"3 remote shards vs 3 local" \
		"3 remote shards (xapian-tcpsrv) vs 3 local: identical; "
	if [ "$(counts "$dir/remote")" = "$(counts "$dir/three")" ]; then
		ok "stats over the remote shards"
	else
		bad "stats over the remote shards: $(counts "$dir/remote")"
	fi
	# 2 remote and 2 local shards in one stub give what 4 local give.
	: >"$dir/mixed"
	for i in 0 1; do
		serve_remote "$dir/four.shards/$i" "$dir/mixed"
	done
	echo "auto four.shards/2" >>"$dir/mixed"
	echo "auto four.shards/3" >>"$dir/mixed"
	wait_readable "$relief" "$dir/mixed"
	answers "$dir/mixed" "$dir/am.jsonl"
	agree "$dir/a4.jsonl" "$dir/am.jsonl" exact \
		"2 remote + 2 local shards vs 4 local" \
		"2 remote + 2 local shards vs 4 local: identical; "
	# A remote shard that is down: a clear error, no crash.
	echo "remote 127.0.0.1:$(free_port)" >"$dir/down"
	"$relief" query --db "$dir/down" back pain >/dev/null 2>"$dir/down.log"
	rc=$?
	if [ $rc = 1 ] && grep -q "down.*Couldn't connect" "$dir/down.log"; then
		ok "a shard that is down: $(cat "$dir/down.log")"
	else
		bad "a shard that is down: status $rc, $(cat "$dir/down.log")"
	fi
else
	echo "skip: xapian-tcpsrv not found (Debian xapian-tools); no remote checks"
fi

# Re-indexing finds every article in its shard: nothing to do, then one
# change and one deletion.
index --db "$dir/three" "$dir/in"
if grep -q ' 0 added, 0 updated, [0-9]* skipped' "$dir/index.log"; then
	ok "re-indexing the stub: $(cat "$dir/index.log")"
else
	bad "re-indexing the stub: $(cat "$dir/index.log")"
fi
victim=$dir/in/hot-or-cold-pack.txt
echo "Zanzibarium is a made-up word for this test." >>"$dir/in/safe-lifting-technique.txt"
rm -f "$victim"
index --db "$dir/three" --prune "$dir/in"
if grep -q ' 0 added, 1 updated, [0-9]* skipped, 1 removed' "$dir/index.log"; then
	ok "a change and a deletion: $(cat "$dir/index.log")"
else
	bad "a change and a deletion: $(cat "$dir/index.log")"
fi
index --db "$dir/one" --prune "$dir/in"
if [ "$(counts "$dir/one")" = "$(counts "$dir/three")" ]; then
	ok "after the change, the same counts as one database"
else
	bad "after the change: $(counts "$dir/one") vs $(counts "$dir/three")"
fi
"$relief" query --db "$dir/one" --format json safe lifting >"$dir/q1" 2>&1
"$relief" query --db "$dir/three" --format json safe lifting >"$dir/q3" 2>&1
if python3 -c "$compare" "$dir/q1" "$dir/q3" close >/dev/null 2>&1; then
	ok "the changed article: the same answers as one database"
else
	bad "the changed article: other answers than one database"
fi
if ! "$relief" query --db "$dir/three" --format json hot cold pack |
	grep -q '"hot-or-cold-pack.txt"'; then
	ok "the deleted article is gone from its shard"
else
	bad "the deleted article is still found"
fi

# A number of shards that does not match is refused.
if ! index --db "$dir/three" --shards 2 "$dir/in" &&
	grep -q 'has 3 shards, not 2' "$dir/index.log"; then
	ok "--shards 2 on 3 shards: $(cat "$dir/index.log")"
else
	bad "--shards 2 on 3 shards: $(cat "$dir/index.log")"
fi
if ! index --db "$dir/one" --shards 3 "$dir/in" &&
	grep -q 'is one database' "$dir/index.log"; then
	ok "--shards 3 on one database: refused"
else
	bad "--shards 3 on one database: $(cat "$dir/index.log")"
fi

checks_done
