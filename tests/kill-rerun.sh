#!/bin/sh
# End-to-end test of the crash guarantee: relief index killed with SIGKILL
# at several moments of a build, then run again to the end, must give
# exactly what one uninterrupted build gives: the same articles, snippets,
# documents and terms, and the same answers.  A kill loses at most the
# batch in flight, and the database is never left unreadable, even when
# the kill lands in the compaction at the end.
#
#   sh tests/kill-rerun.sh RELIEF
#
# The corpus is COPIES copies of corpus/ (default 30, about 1,200
# articles, a few seconds to index), so that a kill lands mid-build.
# Prints one line per check and ends with "N passed, N failed".
set -u
relief=$1
here=$(cd "$(dirname "$0")/.." && pwd)
copies=${COPIES:-30}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
. "$(dirname "$0")/checks.sh"

copies_of "$here/corpus" "$copies" "$dir/in"
printf '%s\n' "running back pain" "stiff lower back when I wake up" \
	"sciatica stretches" "how long to hold a hamstring stretch" \
	"hot or cold pack" "exercises to avoid with osteoporosis" \
	"glute bridge how many reps" "pregnant and my back hurts" \
	>"$dir/questions.txt"

counts() {
	"$relief" stats --db "$1" --format json |
		python3 -c 'import json,sys; s=json.load(sys.stdin);
print(s["articles"], s["snippets"], s["documents"], s["terms"])'
}
# Sources and snippets of every answer, in order.
answers() {
	"$relief" query --batch --db "$1" --limit 10 <"$dir/questions.txt" |
		python3 -c 'import json,sys
for l in sys.stdin:
    o = json.loads(l)
    print(o["query"], [(r["source"], r["snippet"]) for r in o["results"]])'
}

t0=$(date +%s%N)
"$relief" index --quiet --db "$dir/whole" "$dir/in" 2>"$dir/whole.log"
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
if [ -d "$dir/whole" ] && [ "$(counts "$dir/whole" | cut -d' ' -f1)" -gt 1000 ]; then
	ok "an uninterrupted build: $(counts "$dir/whole") in $ms ms"
else
	bad "the uninterrupted build: $(cat "$dir/whole.log")"
fi
counts "$dir/whole" >"$dir/whole.counts"
answers "$dir/whole" >"$dir/whole.answers"

# Kills at a tenth, a third, two thirds and 95 % of the build's time,
# each into a database of its own, then one run to the end.
n=0
for pct in 10 33 66 95; do
	n=$((n + 1))
	db=$dir/killed$n
	wait_ms=$((ms * pct / 100))
	"$relief" index --quiet --db "$db" "$dir/in" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v m="$wait_ms" 'BEGIN {printf "%.3f", m / 1000}')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
	# Whatever the kill left opens and reads.
	if [ ! -e "$db" ] || "$relief" stats --db "$db" >/dev/null 2>&1; then
		ok "killed at ${pct}%: the database reads ($( [ -e "$db" ] && counts "$db" | cut -d' ' -f1 || echo no) articles kept)"
	else
		bad "killed at ${pct}%: $("$relief" stats --db "$db" 2>&1)"
	fi
	"$relief" index --quiet --db "$db" "$dir/in" 2>"$dir/rerun.log"
	if [ "$(counts "$db")" = "$(cat "$dir/whole.counts")" ]; then
		ok "killed at ${pct}%, run again: the same counts"
	else
		bad "killed at ${pct}%, run again: $(counts "$db") vs $(cat "$dir/whole.counts")"
	fi
	if answers "$db" | cmp -s - "$dir/whole.answers"; then
		ok "killed at ${pct}%, run again: the same answers"
	else
		bad "killed at ${pct}%, run again: other answers"
	fi
	if ls -d "$db".* >/dev/null 2>&1; then
		bad "killed at ${pct}%: left behind $(ls -d "$db".*)"
	fi
done

checks_done
