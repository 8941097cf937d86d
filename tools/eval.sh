#!/bin/sh
# make eval: ranking quality of relief next to a plain-Xapian baseline
# (bench/baseline.cc) on every dev set in ../shared/eval (MedQuAD's
# templated questions, the back-pain subset, real consumer questions and
# lay symptom questions), and the latency of both.  Both systems index the
# same folders into one index each: ../shared/seeds, the project's corpus/
# and MedQuAD, so every answer has to win against thousands of articles
# about other things.  Prints a table per question file and writes it into
# the "## Ranking quality (make eval)" section of BENCHMARKS.md, leaving
# the rest of that file alone.  Skips cleanly when ../shared is absent.
#
# Both systems are scored by the same code: relief in-process with
# `relief eval`, the baseline from its JSON lines with `relief eval
# --answers`.  The baseline runs twice: one document per article and one
# per passage (each the better setting for some figures).
#
# usage: sh tools/eval.sh RELIEF BASELINE
set -eu
relief=$1
baseline=$2
shared=${RELIEF_SHARED:-../shared}
corpus=$shared/corpora/medquad
evaldir=$shared/eval
out=${OUT:-build/eval}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ ! -d "$corpus" ] || [ ! -d "$evaldir" ]; then
	echo "eval: $corpus or $evaldir absent; nothing to measure"
	exit 0
fi
sets=""
for s in medquad-dev backpain-dev consumer-dev symptom-dev; do
	if [ -f "$evaldir/$s.tsv" ]; then
		sets="$sets $s"
	else
		echo "eval: $evaldir/$s.tsv absent; skipped" >&2
	fi
done
[ -n "$sets" ] || { echo "eval: no dev sets in $evaldir"; exit 0; }
# The folders indexed, in this order by both systems.
roots=""
[ -d "$shared/seeds" ] && roots="$shared/seeds"
roots="$roots $here/corpus $corpus"
mkdir -p "$out"
t0=$(date +%s)

# relief index is incremental: unchanged files are skipped unread.
# shellcheck disable=SC2086
"$relief" index --quiet --db "$out/relief.db" $roots

# The baseline rebuilds from scratch, so only when its database is missing
# or older than the corpus or the baseline program.  The stamp is taken
# before indexing, so a file changed meanwhile makes the next run rebuild.
for level in article passage; do
	db=$out/base-$level.db
	# shellcheck disable=SC2086
	if [ ! -d "$db" ] || [ ! -f "$db.stamp" ] ||
		[ "$(cat "$db.stamp")" != "$roots" ] ||
		[ -n "$(find "$baseline" -newer "$db.stamp")" ] ||
		[ -n "$(find $roots -newer "$db.stamp" -print -quit)" ]; then
		rm -rf "$db" "$db.new" "$db.stamp"
		echo "$roots" > "$db.stamp.new"
		# shellcheck disable=SC2086
		"$baseline" index --db "$db.new" --level "$level" $roots
		mv "$db.new" "$db"
		mv "$db.stamp.new" "$db.stamp"
	else
		echo "eval: $db is up to date" >&2
	fi
done

# Alt_gold locations of templated questions get their own answer text
# when the sections are known.
sections=$evaldir/medquad-sections.tsv

table=$out/table.md
: > "$table"
for s in $sets; do
	tsv=$evaldir/$s.tsv
	q=$out/$s.questions
	set --
	if [ -f "$sections" ] && head -n 1 "$tsv" | grep -q gold_section; then
		set -- --sections "$sections" --corpus "$corpus"
	fi
	# The question column, found by name ("question", or the symptom
	# file's "query"); empty lines are skipped as relief eval skips
	# them, so line i answers question i.
	awk -F '\t' '{ sub(/\r$/, "") }
		NR == 1 { for (i = 1; i <= NF; i++)
			      if ($i == "question" || (!c && $i == "query"))
				      c = i
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
	python3 "$here/tools/eval-table.py" "$s" "$out/$s.relief.json" \
		"$out/$s.base-article.json" "$out/$s.base-passage.json" \
		"$out/$s.base-article.log" "$out/$s.base-passage.log" \
		>> "$table"
done
secs=$(($(date +%s) - t0))

section=$out/section.md
{
	echo "## Ranking quality (make eval)"
	echo
	echo "Produced by \`make eval\` (\`sh tools/eval.sh bin/relief" \
		"build/bench/baseline\`) on $(date -u +%Y-%m-%d), $(nproc)" \
		"cores, $(uname -m), in ${secs} s."
	echo "Both systems index the same folders into one index each: the"
	echo "seeds (\`../shared/seeds\`), the project's \`corpus/\` and MedQuAD"
	echo "(\`../shared/corpora/medquad\`)."
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
	echo "answer, each answer pair used once (see eval/kb_eval.h,"
	echo "\"evaluation\"). Consumer questions are judged at the article"
	echo "level only (per set: MQT long messages, MQA short questions)."
	echo "Symptom questions are answered when a result in the top 3 comes"
	echo "from the gold article and its snippet holds the gold phrase,"
	echo "ignoring case and whitespace. Latency is timed in-process around each"
	echo "question, output excluded; the ratio column gives relief's"
	echo "against the article / passage baseline."
	cat "$table"
} > "$section"

sh tools/replace-section.sh "Ranking quality (make eval)" "$section"
cat "$section"
echo "eval: wrote BENCHMARKS.md (${secs} s)" >&2
