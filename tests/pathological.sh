#!/bin/sh
# Pathological input in bounded time (issue 14, item 2), through the real
# binary: each input is generated into a scratch folder (never
# committed), run through relief, and must finish within a generous
# bound, with whatever was cut said in a warning naming the file.
#
#   sh tests/pathological.sh RELIEF [REPORT]
#
# The inputs: a 10 MB line without spaces, 100,000 numbered items, 10,000
# repetitions of one line, HTML nested 100,000 deep, 100,000 attributes on
# one tag, 300,000 tags, lines made to make the fixed PCRE2 rules
# backtrack, and a 5,000-word question.  Every rule on its own is
# tests/test_patterns.c's.  Prints one line per check and ends with
# "N passed, N failed"; exits non-zero when a check failed.  With REPORT,
# it also writes the times as the "Pathological input (make bench)"
# section of BENCHMARKS.md into that file (bench/pathological.sh).
# KB_SLOW=1 (the sanitizer builds) relaxes the bounds tenfold.
set -u
relief=$1
report=${2:-}
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/relief-patho.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
. "$(dirname "$0")/checks.sh"

# The bound of each run, in seconds: "a few seconds" for inputs that
# take a fraction of one.
bound=10
[ -n "${KB_SLOW:-}" ] && bound=100
rows=$dir/rows
: > "$rows"

# gen NAME PYTHON: writes the input NAME with a line of Python.
gen() {
	python3 -c "import sys; sys.stdout.write($2)" > "$dir/$1"
}

# timed WHAT NAME CMD...: runs CMD with stderr to $dir/err, checks that it
# ends within the bound (exit status 0 or 1: a file skipped is 1), and
# records its time and peak memory for the report.
timed() {
	what=$1
	name=$2
	shift 2
	/usr/bin/time -f '%e %M' -o "$dir/time" "$@" > "$dir/out" 2> "$dir/err"
	rc=$?
	read -r secs kb <<EOF
$(tail -n 1 "$dir/time")
EOF
	size=$(wc -c < "$dir/$name" 2>/dev/null || echo 0)
	if [ $rc -gt 1 ]; then
		bad "$what: exit status $rc"
		sed -n '1,5p' "$dir/err"
	elif awk -v s="$secs" -v b="$bound" 'BEGIN { exit !(s <= b) }'; then
		ok "$what: ${secs} s (bound ${bound} s)"
	else
		bad "$what: ${secs} s, over the bound of ${bound} s"
	fi
	printf '| %s | %s | %s | %s |\n' "$what" \
		"$(awk -v n="$size" 'BEGIN { if (n < 1e6) printf "%.0f KB", n / 1e3; else printf "%.1f MB", n / 1e6 }')" \
		"$secs" "$((kb / 1024))" >> "$rows"
}

# warned WHAT TEXT: the last run's stderr warns TEXT, naming the file.
warned() {
	if grep -q "warning: .*$2" "$dir/err"; then
		ok "$1: the warning names the file: $(grep -m 1 "$2" "$dir/err" | cut -c1-150)"
	else
		bad "$1: no warning matching '$2'"
		sed -n '1,5p' "$dir/err"
	fi
}

index() {
	rm -rf "$dir/db"
	timed "$1" "$2" "$relief" index --quiet --db "$dir/db" "$dir/$2"
}

# 1. A 10 MB line without spaces: not an article (the line limit).
gen long.txt "'Stretching\n\n' + 'a' * (10 << 20) + '\n'"
index "10 MB line without spaces" long.txt
warned "10 MB line" "long.txt: line 3 is longer than"

# ... and in an HTML page (one line, as minified pages are): read, the
# word indexed whole.
gen long.html "'<html><body><h1>Stretching</h1><p>' + 'a' * (10 << 20) + '</p><p>Hold each stretch for thirty seconds and breathe slowly.</p></body></html>'"
index "10 MB HTML line without spaces" long.html
if "$relief" query --db "$dir/db" "hold each stretch" 2>&1 | grep -q "long.html"; then
	ok "10 MB HTML line: the page is indexed"
else
	bad "10 MB HTML line: the page is not indexed: $(head -n 2 "$dir/err")"
fi

# 2. 100,000 numbered items: the snippet limit.
gen numbered.txt "'Exercises for back pain\n\n' + ''.join('%d. Lie on your back and lift the hips %d times, then rest.\n' % (i, i) for i in range(1, 100001))"
index "100,000 numbered items" numbered.txt
warned "100,000 items" "numbered.txt: .*passages left out after the article's first 2000 snippets"

# 3. 10,000 repetitions of one line: cleaned and segmented, no cut.
gen repeated.txt "'Back care\n\n' + 'Lie on your back and lift the hips for 10 seconds, 3 sets.\n' * 10000"
index "10,000 repetitions of one line" repeated.txt
if ! grep -q "warning:" "$dir/err"; then
	ok "10,000 repetitions: nothing to warn of"
else
	bad "10,000 repetitions: $(grep -m 1 "warning:" "$dir/err")"
fi

# 4. HTML nested 100,000 deep: the whole article kept, no cut.
gen deep.html "'<html><head><title>Knee hugs</title></head><body>\n' + '<div>\n' * 100000 + '<h1>Knee hugs</h1><p>Lie on your back and hold one knee to your chest for twenty seconds, then lower it slowly and change legs.</p>\n' + '</div>\n' * 100000 + '<p>Afterwards walk for ten minutes every day to keep the back moving.</p></body></html>\n'"
index "HTML nested 100,000 deep" deep.html
if "$relief" query --db "$dir/db" "walk ten minutes" 2>&1 | grep -q "deep.html"; then
	ok "HTML nested 100,000 deep: the text after the deep part is indexed"
else
	bad "HTML nested 100,000 deep: the text after the deep part is lost"
fi

# 5. 100,000 attributes on one tag: cut at 256, said.
gen attrs.html "'<html><body><p' + ''.join(' data-a%d=\"x\"' % i for i in range(100000)) + '>Lie on your back and hold one knee to your chest for twenty seconds.</p></body></html>\n'"
index "100,000 attributes on one tag" attrs.html
warned "100,000 attributes" "attrs.html: 99744 HTML attributes cut"

# 6. 300,000 tags: read up to 200,000, the rest cut, said.
gen tags.html "'<html><body>\n<p>Lie on your back and hold one knee to your chest for twenty seconds.</p>\n' + '<span>x</span>\n' * 300000 + '</body></html>\n'"
index "300,000 tags" tags.html
warned "300,000 tags" "tags.html: .* bytes of HTML cut after the page's first 200000 tags"

# 7. Lines made to make PCRE2 backtrack: the rules tests/test_patterns.c
# found stopping at the limit (a.a.a..., pillows, runs of blanks),
# nested-quantifier bait, every line under the line limit.
gen regex.txt "'Pillow support\n\n' + ('a.' * 400000) + '\n' + ('pillows ' * 100000) + '\n' + ('Glute bridge' + ' ' * 500000 + 'x') + '\n' + ('knee to chest ' * 50000) + '!\n' + ('1 x 2 x ' * 100000) + '\n'"
index "lines made to make the rules backtrack" regex.txt
if grep -q "stopped at PCRE2" "$dir/err"; then
	bad "regex lines: a rule stopped at the match limit: $(head -n 1 "$dir/err")"
else
	ok "regex lines: no rule stopped at the match limit"
fi

# 8. A 5,000-word question: the first 128 words searched, the rest said.
rm -rf "$dir/db"
"$relief" index --quiet --db "$dir/db" "$here/corpus" 2> /dev/null
python3 -c "
import random
random.seed(14)
words = open('$here/lexicon/synonyms.txt').read().replace('|', ' ').split()
print(' '.join(random.choice(words) for _ in range(5000)))" > "$dir/question.txt"
timed "5,000-word question" question.txt \
	"$relief" query --db "$dir/db" "$(cat "$dir/question.txt")"
warned "5,000-word question" "words of the question past its first 128 not searched"
timed "5,000-word question, --batch" question.txt \
	sh -c '"$1" query --batch --db "$2" < "$3"' sh "$relief" "$dir/db" \
	"$dir/question.txt"
warned "5,000-word question, --batch" "line 1 of standard input: .* words of the question past"

if [ -n "$report" ]; then
	{
		echo "## Pathological input (make bench)"
		echo
		echo "Each input generated by \`tests/pathological.sh\` (also run by"
		echo "\`make check\`, with a bound of ${bound} s each) and run once"
		echo "through \`relief index\` (\`relief query\` for the question) on"
		echo "$(date -u +%Y-%m-%d), on a shared 2-core machine: wall time and"
		echo "peak RSS from /usr/bin/time.  What each cuts, and the warning"
		echo "that says so, is in README.md, \"Limits\"."
		echo
		echo "| input | size | seconds | peak RSS MB |"
		echo "|---|---:|---:|---:|"
		cat "$rows"
	} > "$report"
fi
checks_done
