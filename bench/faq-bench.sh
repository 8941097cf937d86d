#!/bin/sh
# make bench: the offline FAQ on the MedQuAD corpus in ../shared (skipped
# when absent).  Builds the bundle from the database bench/bench.sh made
# (indexing one when it is missing), then measures the bundle's size
# against the database's, the build time, the latency of one whole
# `relief faq` process (cold start included) and how often the matched
# entry comes from a gold article on medquad-dev and consumer-dev, next to
# a plain BM25 lookup over the same entries (relief faq --bm25).  Writes
# its section of BENCHMARKS.md.
#
#   sh bench/faq-bench.sh RELIEF        (COUNT= processes timed, RUNS=)
set -eu
relief=$1
shared=${RELIEF_SHARED:-../shared}
corpus=$shared/corpora/medquad
out=bench/out
db=$out/medquad.db
bundle=$out/medquad.faq
count=${COUNT:-200}
runs=${RUNS:-3}

if [ ! -d "$corpus" ] || [ ! -f "$shared/eval/medquad-dev.tsv" ]; then
	echo "faq-bench: $corpus absent; nothing to measure"
	exit 0
fi
mkdir -p "$out"
[ -d "$db" ] || "$relief" index --quiet --db "$db" "$corpus"

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

: > "$out/faq-build"
i=1
while [ "$i" -le "$runs" ]; do
	/usr/bin/time -f '%e' -o "$out/time" \
		"$relief" faq build --db "$db" --out "$bundle" 2> "$out/faq-build.log"
	cat "$out/time" >> "$out/faq-build"
	i=$((i + 1))
done
summary=$(tail -n 1 "$out/faq-build.log")
build=$(median < "$out/faq-build")
bsize=$(stat -c %s "$bundle")
dsize=$(du -sbL "$db" | cut -f1)
cp "$bundle" "$out/medquad.faq.1"
"$relief" faq build --db "$db" --out "$bundle" 2>/dev/null
if cmp -s "$bundle" "$out/medquad.faq.1"; then same=yes; else same=NO; fi
rm -f "$out/medquad.faq.1"

: > "$out/faq-p50"; : > "$out/faq-p99"
i=1
while [ "$i" -le "$runs" ]; do
	python3 bench/faq-eval.py latency "$relief" "$bundle" \
		"$shared/eval/medquad-dev.tsv" "$count" > "$out/faq-lat"
	read -r p50 p99 < "$out/faq-lat"
	echo "$p50" >> "$out/faq-p50"
	echo "$p99" >> "$out/faq-p99"
	echo "faq-bench: latency run $i: median $p50 ms, p99 $p99 ms" >&2
	i=$((i + 1))
done
# CPU time of one process (user + sys), which the machine's load does not
# change much.
cpu=$(/usr/bin/time -f '%U %S' sh -c "for i in \$(seq 50); do \"$relief\" faq --bundle \"$bundle\" 'Who is at risk for Adult Acute Myeloid Leukemia?' > /dev/null; done" 2>&1 >/dev/null |
	awk '{printf "%.1f", ($1 + $2) * 1000 / 50}')

row() {
	set -- $(python3 bench/faq-eval.py accuracy "$relief" "$bundle" \
		"$shared/eval/$1.tsv")
	n=$1 f1=$2 f3=$3
	set -- $(python3 bench/faq-eval.py accuracy "$relief" "$bundle" \
		"$shared/eval/$set.tsv" --bm25)
	echo "| $set | $n | $f1 | $f3 | $2 | $3 |"
}
rows=
for set in medquad-dev consumer-dev; do
	rows="$rows$(row "$set")
"
done

cat > "$out/faq-section.md" <<EOT
## Offline FAQ (make bench)

Produced by \`make bench\` (\`sh bench/faq-bench.sh bin/relief\`) on $(date -u +%Y-%m-%d),
$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) when it ended. The bundle is built from
the MedQuAD database of "Speed" above (../shared/corpora/medquad).

| measure | value |
|---|---|
| bundle size | $(awk -v b="$bsize" 'BEGIN {printf "%.1f", b / 1e6}') MB ($bsize bytes) |
| main database size | $(awk -v b="$dsize" 'BEGIN {printf "%.1f", b / 1e6}') MB ($dsize bytes); bundle / database $(awk -v a="$bsize" -v b="$dsize" 'BEGIN {printf "%.3f", a / b}') |
| build time (median of $runs) | ${build} s |
| rebuilt byte-identical | $same |
| one \`relief faq\` process, median | $(median < "$out/faq-p50") ms (wall, $count questions of medquad-dev, median of $runs runs) |
| one \`relief faq\` process, p99 | $(median < "$out/faq-p99") ms |
| one process, CPU (user + sys) | $cpu ms |

Last build: \`$summary\`

How often the matched entry comes from a gold article (gold_path or
alt_gold), as the first entry and among the first three (the match and
its related questions), for relief's question-to-question match and for a
plain BM25 lookup of the question's words over the same entries' question
and answer text (\`relief faq --bm25\`):

| set | questions | FAQ top 1 | FAQ top 3 | BM25 top 1 | BM25 top 3 |
|---|---|---|---|---|---|
$rows
EOT
sh tools/replace-section.sh "Offline FAQ (make bench)" "$out/faq-section.md"
echo "faq-bench: wrote BENCHMARKS.md" >&2
cat "$out/faq-section.md"
