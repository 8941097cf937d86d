#!/bin/sh
# make bench: the pathological inputs of tests/pathological.sh, timed, and
# every PCRE2 rule on input made to make it backtrack
# (tests/test_patterns.c), into the "Pathological input (make bench)"
# section of BENCHMARKS.md.
#
#   sh bench/pathological.sh RELIEF TEST_PATTERNS
set -eu
relief=$1
patterns=$2
out=bench/out
mkdir -p "$out"
section=$out/pathological.md

if ! sh tests/pathological.sh "$relief" "$section" > "$out/pathological.log"; then
	cat "$out/pathological.log" >&2
	echo "bench: a pathological input failed its bound" >&2
	exit 1
fi
line=$("$patterns" 2>/dev/null | sed -n "s/^patterns: //p")
{
	echo
	echo "Every PCRE2 rule (the cleaner's and the lexicon's) on its"
	echo "subjects of 64 KiB and 4,000 bytes made to make it backtrack"
	echo "(\`tests/test_patterns.c\`): $line."
} >> "$section"
sh tools/replace-section.sh "Pathological input (make bench)" "$section"
echo "bench: pathological input -> BENCHMARKS.md" >&2
