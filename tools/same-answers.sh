#!/bin/sh
# tools/same-answers.sh [REV]: shows that a change which only moves code
# (issue: one module per stage) changes no behaviour.  It builds REV
# (default HEAD~1) in a scratch worktree, then runs that relief and the
# working tree's bin/relief on the same input and compares, byte for byte:
#
#   1. `relief snippets` over corpus/ and ../shared/seeds;
#   2. `relief clean --format json` over the same files;
#   3. the answers (`relief query --batch --limit 10`) to every dev
#      question in ../shared/eval, over one index of corpus/, the seeds
#      and, with FULL=1, all of MedQuAD (else its first 600 articles).
#
# Each side reads its own tree's lexicon.  Prints one line per check and
# exits 1 on the first difference, with the diff's head.
#
# usage: sh tools/same-answers.sh [REV]      (after `make`)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD~1}
shared=${RELIEF_SHARED:-$here/../shared}
new=$here/bin/relief
work=$(mktemp -d "${TMPDIR:-/tmp}/same-answers.XXXXXX")
trap 'git -C "$here" worktree remove --force "$work/old" >/dev/null 2>&1 || :; rm -rf "$work"' EXIT

[ -x "$new" ] || { echo "same-answers: build first (make)" >&2; exit 2; }
echo "same-answers: building $rev"
git -C "$here" worktree add -q --detach "$work/old" "$rev"
make -C "$work/old" -s -j2 bin/relief >/dev/null
old=$work/old/bin/relief

# The input: corpus/, the seeds when present, part of MedQuAD.
mkdir "$work/in"
cp -r "$here/corpus/." "$work/in/"
if [ -d "$shared/seeds" ]; then
	mkdir "$work/in/seeds"
	cp "$shared/seeds"/*.txt "$work/in/seeds/"
fi
if [ -d "$shared/corpora/medquad" ]; then
	mkdir "$work/in/medquad"
	if [ "${FULL:-0}" = 1 ]; then
		cp -r "$shared/corpora/medquad/." "$work/in/medquad/"
	else
		find "$shared/corpora/medquad" -type f | sort | head -600 |
			while read -r f; do cp "$f" "$work/in/medquad/"; done
	fi
fi
files=$(find "$work/in" -path "$work/in/medquad" -prune -o -type f -print |
	sort)

same() {
	if cmp -s "$work/$1.old" "$work/$1.new"; then
		echo "same-answers: $2: same ($(wc -l <"$work/$1.new") lines)"
	else
		echo "same-answers: $2: DIFFERENT" >&2
		diff "$work/$1.old" "$work/$1.new" | head -20 >&2
		exit 1
	fi
}

for side in old new; do
	eval bin=\$$side
	# shellcheck disable=SC2086
	(cd "$work/in" && "$bin" snippets $files) >"$work/snip.$side" 2>&1 || :
	# shellcheck disable=SC2086
	(cd "$work/in" && "$bin" clean --format json --no-learn $files) \
		>"$work/clean.$side" 2>&1 || :
done
same snip "snippets of $(echo "$files" | wc -l) files"
same clean "cleaned text"

questions=$work/questions
: >"$questions"
for t in "$shared"/eval/*-dev.tsv; do
	[ -f "$t" ] || continue
	# The question is the second column; the header row is skipped.
	tail -n +2 "$t" | cut -f2 >>"$questions"
done
if [ ! -s "$questions" ]; then
	echo "same-answers: no dev questions in $shared/eval; answers not compared"
	exit 0
fi
for side in old new; do
	eval bin=\$$side
	"$bin" index --quiet --db "$work/$side.db" "$work/in" >/dev/null 2>&1
	"$bin" query --batch --db "$work/$side.db" --limit 10 <"$questions" |
		sed 's/"ms":[0-9.e+-]*//g' >"$work/answers.$side"
done
same answers "answers to $(wc -l <"$questions") dev questions"
