#!/bin/sh
# replace-section.sh HEADING SECTION_FILE [DOC]
# Replaces the "## HEADING" section of DOC (default BENCHMARKS.md), up to
# the next "## " heading, with the contents of SECTION_FILE (which starts
# with that heading line), or appends it when DOC has no such section.
# make bench and make eval each own one section of BENCHMARKS.md.
set -eu
heading=$1
section=$2
doc=${3:-BENCHMARKS.md}
new=$doc.new.$$

if [ -f "$doc" ]; then
	awk -v sec="$section" -v head="## $heading" '
		BEGIN { while ((getline l < sec) > 0) s = s l "\n" }
		$0 == head { printf "%s", s; skip = 1; done = 1; next }
		skip && /^## / { skip = 0; print "" }
		skip { next }
		{ print }
		END { if (!done) printf "\n%s", s }' "$doc" > "$new"
else
	{ echo "# Benchmarks"; echo; cat "$section"; } > "$new"
fi
mv "$new" "$doc"
