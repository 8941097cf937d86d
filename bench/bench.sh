#!/bin/sh
# make bench: indexing and query benchmarks on the MedQuAD corpus in
# ../shared (skipped when absent).  Writes BENCHMARKS.md.
#
# The machines are shared and noisy, so every figure is the median of
# RUNS runs made side by side in this one invocation.
set -eu
relief=$1
baseline=${2:-}
shared=${RELIEF_SHARED:-../shared}
corpus=$shared/corpora/medquad
questions=$shared/eval/medquad-dev.tsv
runs=${RUNS:-3}
out=bench/out
db=$out/medquad.db

if [ ! -d "$corpus" ] || [ ! -f "$questions" ]; then
	echo "bench: $corpus or $questions absent; nothing to measure"
	exit 0
fi
mkdir -p "$out"

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# /usr/bin/time -f: elapsed seconds and peak RSS in KB.
timed() { /usr/bin/time -f '%e %M' -o "$out/time" "$@"; }

bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$corpus" -name '*.txt' | wc -l)

: > "$out/index1"; : > "$out/index2"; : > "$out/rss"
i=1
while [ "$i" -le "$runs" ]; do
	rm -rf "$db"
	timed "$relief" index --quiet --db "$db" "$corpus" 2> "$out/index.log"
	read -r secs rss < "$out/time"
	echo "$secs" >> "$out/index1"
	echo "$rss" >> "$out/rss"
	timed "$relief" index --quiet --db "$db" "$corpus" 2> "$out/reindex.log"
	read -r secs2 rss2 < "$out/time"
	echo "$secs2" >> "$out/index2"
	echo "bench: index run $i: ${secs}s (peak RSS ${rss} KB), re-run ${secs2}s" >&2
	i=$((i + 1))
done
t1=$(median < "$out/index1")
t2=$(median < "$out/index2")
rss=$(median < "$out/rss")
summary1=$(tail -n 1 "$out/index.log")
summary2=$(tail -n 1 "$out/reindex.log")
"$relief" stats --db "$db" --format json > "$out/stats.json"
size=$(sed 's/.*"bytes":\([0-9]*\).*/\1/' "$out/stats.json")
articles=$(sed 's/.*"articles":\([0-9]*\).*/\1/' "$out/stats.json")
snippets=$(sed 's/.*"snippets":\([0-9]*\).*/\1/' "$out/stats.json")

# Cleaning alone, in-process (read and clean, no output), on one core.
noisy=$shared/eval/noisy-dev
: > "$out/clean_mq"; : > "$out/clean_noisy"
i=1
while [ "$i" -le "$runs" ]; do
	find "$corpus" -name '*.txt' -print0 | xargs -0 "$relief" clean --timings \
		2> "$out/clean.log"
	# xargs may split the list into several runs: add them up.
	sed -n 's/.* files, \([0-9.]*\) MB in \([0-9.]*\) s .*/\1 \2/p' "$out/clean.log" |
		awk '{mb += $1; s += $2} END {printf "%.1f\n", mb / s}' >> "$out/clean_mq"
	if [ -d "$noisy" ]; then
		"$relief" clean --timings "$noisy"/*.txt 2> "$out/clean.log"
		sed 's/.*, \([0-9.]*\) MB\/s$/\1/' "$out/clean.log" >> "$out/clean_noisy"
	fi
	i=$((i + 1))
done

tail -n +2 "$questions" | cut -f2 > "$out/questions.txt"
nq=$(wc -l < "$out/questions.txt")
: > "$out/p50"; : > "$out/p95"; : > "$out/p99"; : > "$out/wall"; : > "$out/qrss"
: > "$out/bp50"; : > "$out/bp95"; : > "$out/bp99"
# The plain-Xapian baseline (bench/baseline.cc, passage level) answers the
# same questions, its runs interleaved with relief's so that both see the
# same load: the latency budget is a ratio to it.
have_base=
if [ -n "$baseline" ] && [ -x "$baseline" ]; then
	rm -rf "$out/base.db"
	"$baseline" index --db "$out/base.db" --level passage "$corpus" > /dev/null
	have_base=1
fi
i=1
while [ "$i" -le "$runs" ]; do
	timed "$relief" query --batch --timings --db "$db" --limit 10 \
		< "$out/questions.txt" > "$out/answers.jsonl" 2> "$out/batch.log"
	read -r wall qrss < "$out/time"
	line=$(tail -n 1 "$out/batch.log")
	echo "$line" | sed 's/.* p50 \([0-9.]*\) ms.*/\1/' >> "$out/p50"
	echo "$line" | sed 's/.* p95 \([0-9.]*\) ms.*/\1/' >> "$out/p95"
	echo "$line" | sed 's/.* p99 \([0-9.]*\) ms.*/\1/' >> "$out/p99"
	echo "$wall" >> "$out/wall"
	echo "$qrss" >> "$out/qrss"
	echo "bench: query run $i: $line" >&2
	if [ -n "$have_base" ]; then
		"$baseline" query --db "$out/base.db" --limit 10 --timings \
			< "$out/questions.txt" > /dev/null 2> "$out/bbatch.log"
		line=$(tail -n 1 "$out/bbatch.log")
		echo "$line" | sed 's/.* p50 \([0-9.]*\) ms.*/\1/' >> "$out/bp50"
		echo "$line" | sed 's/.* p95 \([0-9.]*\) ms.*/\1/' >> "$out/bp95"
		echo "$line" | sed 's/.* p99 \([0-9.]*\) ms.*/\1/' >> "$out/bp99"
		echo "bench: baseline run $i: $line" >&2
	fi
	i=$((i + 1))
done
ratio99() {
	b=$(median < "$out/bp99")
	[ -n "$b" ] || { echo "-"; return; }
	awk -v a="$(median < "$out/p99")" -v b="$b" 'BEGIN {printf "%.2f", a / b}'
}

mbps=$(awk -v b="$bytes" -v t="$t1" 'BEGIN {printf "%.2f", b / 1e6 / t}')
ratio=$(awk -v a="$t2" -v b="$t1" 'BEGIN {printf "%.3f", a / b}')
qps=$(awk -v n="$nq" -v t="$(median < "$out/wall")" 'BEGIN {printf "%.0f", n / t}')

cat > "$out/section.md" <<EOT
## Speed (make bench)

Produced by \`make bench\` (\`sh bench/bench.sh bin/relief\`) on $(date -u +%Y-%m-%d),
$(nproc) cores, $(uname -m). Each figure is the median of $runs runs made side by side in
one invocation; the machine is shared, so compare ratios within a run rather
than absolute times across runs.

### Indexing: ../shared/corpora/medquad

$files articles, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB.

| measure | value |
|---|---|
| first run (fresh database) | ${t1} s |
| throughput | ${mbps} MB/s |
| second run (nothing changed) | ${t2} s (${ratio} of the first) |
| peak RSS, first run | ${rss} KB |
| index size on disk | $(awk -v b="$size" 'BEGIN {printf "%.1f", b / 1e6}') MB ($size bytes) |
| articles / snippets | $articles / $snippets |

Last first-run summary: \`$summary1\`
Last re-run summary: \`$summary2\`

### Cleaning

\`relief clean --timings\` over all files at once (one process, one core,
boilerplate learned across the files first; the figure times reading and
cleaning each file, learning excluded).

| corpus | MB/s |
|---|---|
| ../shared/corpora/medquad | $(median < "$out/clean_mq") |
| ../shared/eval/noisy-dev | $(median < "$out/clean_noisy") |

### Queries: ../shared/eval/medquad-dev.tsv

$nq questions through \`relief query --batch --timings --limit 10\`; latency is
timed in-process around each question (analysis, search, result assembly,
highlighting), JSON printing excluded.

| measure | relief | baseline (plain Xapian, passages) |
|---|---|---|
| p50 | $(median < "$out/p50") ms | $(median < "$out/bp50") ms |
| p95 | $(median < "$out/p95") ms | $(median < "$out/bp95") ms |
| p99 | $(median < "$out/p99") ms | $(median < "$out/bp99") ms |
| p99 ratio, relief / baseline | $(ratio99) | |
| whole batch, wall | $(median < "$out/wall") s ($qps questions/s) | |
| peak RSS | $(median < "$out/qrss") KB | |

relief's latency covers question analysis, the search, re-ranking of 40
candidates, reading the shown records, highlighting, the answer card and
its cautions search; the baseline's covers QueryParser, the search and
result assembly.
EOT
sh tools/replace-section.sh "Speed (make bench)" "$out/section.md"
echo "bench: wrote BENCHMARKS.md" >&2
cat "$out/section.md"
