#!/bin/sh
# Runs the test programs given as arguments, then the C++ header check,
# the exported-symbol check, the man page and completion checks, the
# pathological-input test and the install test, and ends with one line
# "N passed, N failed, N skipped" counting individual tests.  Exits
# non-zero when anything failed.
#
# Environment: RELIEF (path of the relief binary under test), RELIEF_CGI
# (the search page program), BUILD (the build directory).
set -u

BUILD=${BUILD:-build}
passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {
	# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s),
	# listed below:" and "[  SKIPPED ] N test(s), ..." per group.
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" |
		awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" |
		awk '{s+=$1} END {print s+0}')
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" |
		awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
}

# Runs one check (a command and its arguments), named by the command
# line up to its first argument, and counts it as one test.
step() {
	if [ "$1" = sh ] || [ "$1" = python3 ]; then
		echo "== $2"
	else
		echo "== $1"
	fi
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

for t in "$@"; do
	echo "== $t"
	CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	count
	# A crash or an abort before cmocka's summary is a failure too.
	if [ $rc -ne 0 ] && ! grep -q '^\[  FAILED  \]' "$log"; then
		echo "$t: exited with status $rc"
		failed=$((failed + 1))
	fi
done

step "$BUILD/tests/cplusplus"
step sh tests/check-symbols.sh "$BUILD/libkb.so"
step sh tests/check-man.sh "$RELIEF" man/relief.1
step sh tests/check-completion.sh "$RELIEF" completion/relief.bash
step sh tests/cgi-server.sh "$RELIEF" "$RELIEF_CGI" "$BUILD"
step sh tests/shards.sh "$RELIEF" "$RELIEF_CGI"
step sh tests/jobs.sh "$RELIEF"
step sh tests/faq-browser.sh "$RELIEF" "$BUILD"
step python3 tests/batch-during-build.py "$RELIEF"
step sh tests/kill-rerun.sh "$RELIEF"
step sh tests/pathological.sh "$RELIEF"
step sh tests/install.sh "$BUILD"

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
