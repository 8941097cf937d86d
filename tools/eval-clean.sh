#!/bin/sh
# make eval-clean: cleans the noisy dev pages in ../shared/eval/noisy-dev
# and scores the result against their line-level gold with
# ../shared/tools/score-clean.py.  Skips cleanly when ../shared is absent.
set -eu
relief=$1
shared=${RELIEF_SHARED:-../shared}
gold=$shared/eval/noisy-dev
scorer=$shared/tools/score-clean.py
out=${OUT:-build/eval-clean}

if [ ! -d "$gold" ] || [ ! -f "$scorer" ]; then
	echo "eval-clean: $gold or $scorer absent; nothing to measure"
	exit 0
fi
rm -rf "$out"
mkdir -p "$out/noisy-dev"
# The dev pages are cleaned together, as one corpus, the way indexing
# cleans a directory: lines repeated across pages are learned first.
"$relief" clean --output-dir "$out/noisy-dev" "$gold"/*.txt
python3 "$scorer" "$gold" "$out/noisy-dev" --json "$out/noisy-dev.json"
