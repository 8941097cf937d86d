#!/bin/sh
# make eval: ranking quality of relief next to a plain-Xapian baseline
# (bench/baseline.cc) on the MedQuAD dev questions in ../shared/eval, and
# the latency of both.  Prints a table per question file and writes it into
# the "## Ranking quality (make eval)" section of BENCHMARKS.md, leaving the
# rest of that file alone.  Skips cleanly when ../shared is absent.
#
# Both systems are scored by the same code: relief in-process with
# `relief eval`, the baseline from its JSON lines with `relief eval
# --answers`.  The baseline runs twice: one document per article gives its
# document-level figures (MRR@10, R@k), one document per passage its
# answer-level figures (S@k), each the better setting for that level.
#
# usage: sh tools/eval.sh RELIEF BASELINE
set -eu
relief=$1
baseline=$2
shared=${RELIEF_SHARED:-../shared}
corpus=$shared/corpora/medquad
evaldir=$shared/eval
out=${OUT:-build/eval}
sets="medquad-dev backpain-dev"

if [ ! -d "$corpus" ] || [ ! -d "$evaldir" ]; then
	echo "eval: $corpus or $evaldir absent; nothing to measure"
	exit 0
fi
for s in $sets; do
	if [ ! -f "$evaldir/$s.tsv" ]; then
		echo "eval: $evaldir/$s.tsv absent; nothing to measure"
		exit 0
	fi
done
mkdir -p "$out"
t0=$(date +%s)

# relief index is incremental: unchanged files are skipped unread.
"$relief" index --quiet --db "$out/relief.db" "$corpus"

# The baseline rebuilds from scratch, so only when its database is missing
# or older than the corpus or the baseline program.  The stamp is taken
# before indexing, so a file changed meanwhile makes the next run rebuild.
for level in article passage; do
	db=$out/base-$level.db
	if [ ! -d "$db" ] || [ ! -f "$db.stamp" ] ||
		[ -n "$(find "$baseline" -newer "$db.stamp")" ] ||
		[ -n "$(find "$corpus" -newer "$db.stamp" -print -quit)" ]; then
		rm -rf "$db" "$db.new" "$db.stamp"
		touch "$db.stamp.new"
		"$baseline" index --db "$db.new" --level "$level" "$corpus"
		mv "$db.new" "$db"
		mv "$db.stamp.new" "$db.stamp"
	else
		echo "eval: $db is up to date" >&2
	fi
done

# Alt_gold locations get their own answer text when the sections are known.
sections=$evaldir/medquad-sections.tsv
set --
if [ -f "$sections" ]; then
	set -- --sections "$sections" --corpus "$corpus"
fi

# field FILE NAME: a number from relief eval's one-line JSON.
field() {
	sed -n "s/.*\"$2\":\([-0-9.eE+]*\).*/\1/p" "$1"
}
# timing LOG NAME: p50/p95/p99 from a "--timings" line.
timing() {
	sed -n "s/.* $2 \([0-9.]*\) ms.*/\1/p" "$1" | tail -n 1
}

table=$out/table.md
: > "$table"
for s in $sets; do
	tsv=$evaldir/$s.tsv
	q=$out/$s.questions
	# The question column, found by name; empty lines are skipped as
	# relief eval skips them, so line i answers question i.
	awk -F '\t' '{ sub(/\r$/, "") }
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "question") c = i
			  next }
		$0 != "" { print $c }' "$tsv" > "$q"

	echo "eval: $s: relief, in-process" >&2
	"$relief" eval --db "$out/relief.db" "$@" --format json "$tsv" \
		> "$out/$s.relief.json"
	for level in article passage; do
		echo "eval: $s: baseline, $level documents" >&2
		"$baseline" query --db "$out/base-$level.db" --limit 10 \
			--timings < "$q" > "$out/$s.base-$level.jsonl" \
			2> "$out/$s.base-$level.log"
		"$relief" eval --answers "$out/$s.base-$level.jsonl" "$@" \
			--format json "$tsv" > "$out/$s.base-$level.json"
	done

	r=$out/$s.relief.json
	a=$out/$s.base-article.json
	p=$out/$s.base-passage.json
	{
		echo
		echo "### $s.tsv: $(field "$r" questions) questions"
		echo
		echo "| measure | relief | baseline, article docs |" \
			"baseline, passage docs | relief vs baseline |"
		echo "|---|---|---|---|---|"
		for m in mrr10:MRR@10 recall1:R@1 recall5:R@5 recall10:R@10 \
			success1:S@1 success5:S@5; do
			k=${m%%:*}
			vr=$(field "$r" "$k")
			va=$(field "$a" "$k")
			vp=$(field "$p" "$k")
			awk -v name="${m#*:}" -v k="$k" -v r="$vr" -v a="$va" \
				-v p="$vp" 'BEGIN {
				# Document figures compare with the article
				# index, answer figures with the passage one.
				b = k ~ /^success/ ? p : a
				if (k == "mrr10")
					cmp = (1 - b > 0) ? sprintf("misses " \
					    "cut %.1f %%", 100 * ((1 - b) - \
					    (1 - r)) / (1 - b)) : "n/a"
				else
					cmp = b > 0 ? sprintf("%.2fx", r / b) \
					    : "n/a"
				printf "| %s | %.3f | %.3f | %.3f | %s |\n",
				    name, r, a, p, cmp
			}'
		done
		for pc in p50 p95 p99; do
			vr=$(field "$r" "${pc}_ms")
			va=$(timing "$out/$s.base-article.log" "$pc")
			vp=$(timing "$out/$s.base-passage.log" "$pc")
			awk -v name="$pc" -v r="$vr" -v a="$va" -v p="$vp" '
			BEGIN {
				ra = a > 0 ? sprintf("%.2fx", r / a) : "n/a"
				rp = p > 0 ? sprintf("%.2fx", r / p) : "n/a"
				printf "| %s latency | %.3f ms | %.3f ms | " \
				    "%.3f ms | %s / %s |\n", name, r, a, p, ra,
				    rp
			}'
		done
	} >> "$table"
done
secs=$(($(date +%s) - t0))

section=$out/section.md
{
	echo "## Ranking quality (make eval)"
	echo
	echo "Produced by \`make eval\` (\`sh tools/eval.sh bin/relief" \
		"build/bench/baseline\`) on $(date -u +%Y-%m-%d), $(nproc)" \
		"cores, $(uname -m), in ${secs} s."
	echo "The baseline is Xapian's stock TermGenerator and QueryParser"
	echo "(English stemmer, STEM_SOME, default operator OR, BM25), one"
	echo "document per article for the document-level figures and one per"
	echo "passage (blank-line-separated block, indexed with its article's"
	echo "title) for the answer-level ones."
	echo "Both are scored by \`relief eval\` (the baseline through"
	echo "\`--answers\`) on the top 10 results. MRR@10 and R@k: the source"
	echo "is the gold article or an alt_gold one. S@k: it is, and more"
	echo "than half of the snippet's pairs of adjacent words (lower-cased"
	echo "runs of ASCII letters and digits) occur in that location's"
	echo "answer, each answer pair used once (see query/kb_query.h,"
	echo "\"evaluation\"). Latency is timed in-process around each"
	echo "question, output excluded; the ratio column gives relief's"
	echo "against the article / passage baseline."
	cat "$table"
} > "$section"

sh tools/replace-section.sh "Ranking quality (make eval)" "$section"
cat "$section"
echo "eval: wrote BENCHMARKS.md (${secs} s)" >&2
