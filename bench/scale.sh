#!/bin/sh
# bench/scale.sh RELIEF BASELINE: how indexing and query costs grow with
# corpus size (make bench; issue: fast indexing and scale-out).
#
# The corpus is 1x, 4x and 16x copies of MedQuAD (../shared, skipped when
# absent), each copy in a folder of its own under a generated name in a
# temporary folder (hard links), so every copy's articles have ids of their
# own.  At
# each size, side by side in one run:
#
#   - relief index, with --jobs 1 and --jobs 2 when it has --jobs;
#   - the plain-Xapian baseline (bench/baseline.cc, one document per
#     passage, TermGenerator);
#   - SQLite FTS5 (Debian sqlite3, porter tokenizer) over the same files;
#
# each timed with /usr/bin/time (elapsed seconds, peak RSS), with the size
# of its index; then the same QUESTIONS (medquad-dev's first NQ) through
# relief query --batch --timings locally and through xapian-tcpsrv on a
# loopback port, and through the baseline's searcher.  Writes the
# "Scale (make bench)" section of BENCHMARKS.md and bench/scale.png
# (gnuplot, when installed).
#
# SCALES="1 4" for a shorter run; NQ questions (default 2000).
set -eu
relief=$1
baseline=$2
shared=${RELIEF_SHARED:-../shared}
corpus=$shared/corpora/medquad
questions=$shared/eval/medquad-dev.tsv
scales=${SCALES:-1 4 16}
nq=${NQ:-2000}
out=bench/out/scale
here=$(pwd)
. tests/checks.sh	# free_port, copies_of

if [ ! -d "$corpus" ] || [ ! -f "$questions" ]; then
	echo "bench: $corpus or $questions absent; no scale run"
	exit 0
fi
have_sqlite=
command -v sqlite3 >/dev/null 2>&1 && have_sqlite=1
have_tcpsrv=
command -v xapian-tcpsrv >/dev/null 2>&1 && have_tcpsrv=1
jobs_list="default"
"$relief" index --help 2>&1 | grep -q -- '--jobs' && jobs_list="1 2"

rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/relief-scale.XXXXXX")
srv=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null || :
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
tail -n +2 "$questions" | cut -f2 | head -n "$nq" > "$out/questions.txt"

timed() { /usr/bin/time -f '%e %M' -o "$out/time" "$@"; }
# p50 and p99 from a "relief: batch: ..." or "baseline: batch: ..." line.
pct() { sed -n "s/.* $1 \([0-9.]*\) ms.*/\1/p"; }

# One row per size and system: size system seconds MB/s rss_kb bytes.
: > "$out/index.tsv"
# One row per size and searcher: size searcher p50 p99.
: > "$out/query.tsv"
cp -r "$corpus" "$work/src"
for n in $scales; do
	# One folder per size holding the copies (hard links, no extra
	# disk), so that relief's ids (paths below the folder) differ.
	copies_of "$work/src" "$n" "$work/c$n" -al
	set -- "$work/c$n"
	bytes=$(find "$@" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
	mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
	echo "bench: scale ${n}x: $mb MB" >&2

	for j in $jobs_list; do
		db=$work/relief-$n-$j.db
		if [ "$j" = default ]; then
			timed "$relief" index --quiet --db "$db" "$@" 2>/dev/null
		else
			timed "$relief" index --quiet --jobs "$j" --db "$db" "$@" \
				2>/dev/null
		fi
		read -r secs rss < "$out/time"
		size=$(du -sb "$db" | cut -f1)
		name="relief"
		[ "$j" = default ] || name="relief --jobs $j"
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$name" "$secs" \
			"$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.2f", b / 1e6 / s}')" \
			"$rss" "$size" >> "$out/index.tsv"
		rdb=$db
	done
	bdb=$work/base-$n.db
	timed "$baseline" index --db "$bdb" --level passage "$@" >/dev/null 2>&1
	read -r secs rss < "$out/time"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "plain Xapian (passages)" "$secs" \
		"$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.2f", b / 1e6 / s}')" \
		"$rss" "$(du -sb "$bdb" | cut -f1)" >> "$out/index.tsv"
	if [ -n "$have_sqlite" ]; then
		sdb=$work/fts-$n.sqlite
		{
			echo "CREATE VIRTUAL TABLE doc USING fts5(path UNINDEXED, body, tokenize='porter');"
			for d in "$@"; do
				echo "INSERT INTO doc SELECT name, CAST(data AS TEXT) FROM fsdir('$d') WHERE name LIKE '%.txt';"
			done
		} > "$out/fts.sql"
		timed sqlite3 "$sdb" < "$out/fts.sql"
		read -r secs rss < "$out/time"
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "SQLite FTS5 (porter)" "$secs" \
			"$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.2f", b / 1e6 / s}')" \
			"$rss" "$(stat -c %s "$sdb")" >> "$out/index.tsv"
	fi

	# Queries: the last relief database, locally and over loopback.
	"$relief" query --batch --timings --db "$rdb" < "$out/questions.txt" \
		2> "$out/q.log" > /dev/null
	line=$(grep 'batch:' "$out/q.log" | tail -n 1)
	printf '%s\trelief, local\t%s\t%s\n' "$n" "$(echo "$line" | pct p50)" \
		"$(echo "$line" | pct p99)" >> "$out/query.tsv"
	if [ -n "$have_tcpsrv" ]; then
		port=$(free_port)
		setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" \
			"$rdb" >/dev/null 2>&1 &
		srv=$!
		echo "remote 127.0.0.1:$port" > "$work/remote.stub"
		k=0
		while [ $k -lt 50 ] && ! "$relief" stats --db "$work/remote.stub" \
			>/dev/null 2>&1; do
			sleep 0.1
			k=$((k + 1))
		done
		"$relief" query --batch --timings --db "$work/remote.stub" \
			< "$out/questions.txt" 2> "$out/q.log" > /dev/null
		line=$(grep 'batch:' "$out/q.log" | tail -n 1)
		printf '%s\trelief, remote (xapian-tcpsrv)\t%s\t%s\n' "$n" \
			"$(echo "$line" | pct p50)" "$(echo "$line" | pct p99)" \
			>> "$out/query.tsv"
		kill "$srv" 2>/dev/null || :
		srv=
	fi
	"$baseline" query --db "$bdb" --timings < "$out/questions.txt" \
		2> "$out/q.log" > /dev/null
	line=$(grep 'batch:' "$out/q.log" | tail -n 1)
	printf '%s\tplain Xapian (passages)\t%s\t%s\n' "$n" \
		"$(echo "$line" | pct p50)" "$(echo "$line" | pct p99)" \
		>> "$out/query.tsv"
	# Free the disk before the next size.
	rm -rf "$work"/relief-"$n"-* "$bdb" "$work/fts-$n.sqlite" "$work/c$n"
done

# The plot: time per MB, peak RSS and query p99 against corpus size.
plot=
if command -v gnuplot >/dev/null 2>&1; then
	awk -F '\t' '$2 ~ /^relief/ && !seen[$1]++ {print $1, $3, $5 / 1024}' \
		"$out/index.tsv" > "$out/relief-index.dat"
	awk -F '\t' '$2 ~ /^relief --jobs 2/ {print $1, $3, $5 / 1024}' \
		"$out/index.tsv" > "$out/relief2-index.dat"
	awk -F '\t' '$2 ~ /^plain/ {print $1, $3, $5 / 1024}' \
		"$out/index.tsv" > "$out/base-index.dat"
	awk -F '\t' '$2 == "relief, local" {print $1, $4}' "$out/query.tsv" \
		> "$out/relief-query.dat"
	awk -F '\t' '$2 ~ /^plain/ {print $1, $4}' "$out/query.tsv" \
		> "$out/base-query.dat"
	gnuplot <<EOF
set terminal png size 1200,400
set output "bench/scale.png"
set multiplot layout 1,3
set logscale x 2
set xlabel "copies of MedQuAD"
set key left top
set title "indexing time (s)"
plot "$out/relief-index.dat" using 1:2 with linespoints title "relief --jobs 1", \
     "$out/relief2-index.dat" using 1:2 with linespoints title "relief --jobs 2", \
     "$out/base-index.dat" using 1:2 with linespoints title "plain Xapian"
set title "indexing peak RSS (MB)"
plot "$out/relief-index.dat" using 1:3 with linespoints title "relief --jobs 1", \
     "$out/relief2-index.dat" using 1:3 with linespoints title "relief --jobs 2", \
     "$out/base-index.dat" using 1:3 with linespoints title "plain Xapian"
set title "query p99 (ms)"
plot "$out/relief-query.dat" using 1:2 with linespoints title "relief", \
     "$out/base-query.dat" using 1:2 with linespoints title "plain Xapian"
unset multiplot
EOF
	plot=1
fi

section=$out/section.md
{
	echo "## Scale (make bench)"
	echo
	echo "Produced by \`make bench\` (\`sh bench/scale.sh bin/relief build/bench/baseline\`)"
	echo "on $(date +%Y-%m-%d), $(nproc) cores: ${scales}x copies of MedQuAD side by side,"
	echo "one run each (the larger sizes take minutes; compare within a row)."
	echo "Queries: the first $nq medquad-dev questions, in-process latency."
	echo
	echo "| copies | system | seconds | MB/s | peak RSS (KB) | index bytes |"
	echo "|---|---|---|---|---|---|"
	awk -F '\t' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' \
		"$out/index.tsv"
	echo
	echo "| copies | searcher | p50 ms | p99 ms |"
	echo "|---|---|---|---|"
	awk -F '\t' '{printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4}' \
		"$out/query.tsv"
	if [ -n "$plot" ]; then
		echo
		echo "![indexing time, peak RSS and query p99 against size](bench/scale.png)"
	fi
} > "$section"
cd "$here"
sh tools/replace-section.sh "Scale (make bench)" "$section"
cat "$section"
