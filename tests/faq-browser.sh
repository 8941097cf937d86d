#!/bin/sh
# The exported FAQ page in headless Chromium: builds a bundle of corpus/
# (and the seeds, when ../shared has them), exports it with relief faq
# export and runs tests/faq-browser.py on it from file://.  The screenshot
# goes to BUILD/tests/faq-page.png.
#
#   sh tests/faq-browser.sh RELIEF BUILD
set -u
relief=$1
build=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if ! command -v chromium >/dev/null 2>&1; then
	echo "faq-browser: chromium is missing (make deps installs it)"
	exit 1
fi
"$relief" index --db "$dir/relief.db" corpus >/dev/null 2>&1 &&
	"$relief" faq build --db "$dir/relief.db" --out "$dir/relief.faq" \
		2>/dev/null &&
	"$relief" faq export --bundle "$dir/relief.faq" \
		--html "$dir/faq.html" ||
	{ echo "FAILED: build and export the FAQ of corpus/"; exit 1; }
mkdir -p "$build/tests"
python3 tests/faq-browser.py "$dir/faq.html" "$build/tests/faq-page.png" \
	"sleeping position" "sleeping position"
