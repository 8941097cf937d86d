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

echo "== $BUILD/tests/cplusplus"
if "$BUILD/tests/cplusplus"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/check-symbols.sh"
if sh tests/check-symbols.sh "$BUILD/libkb.so"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/check-man.sh"
if sh tests/check-man.sh "$RELIEF" man/relief.1; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/check-completion.sh"
if sh tests/check-completion.sh "$RELIEF" completion/relief.bash; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/cgi-server.sh"
if sh tests/cgi-server.sh "$RELIEF" "$RELIEF_CGI" "$BUILD"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/shards.sh"
if sh tests/shards.sh "$RELIEF" "$RELIEF_CGI"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/faq-browser.sh"
if sh tests/faq-browser.sh "$RELIEF" "$BUILD"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/batch-during-build.py"
if python3 tests/batch-during-build.py "$RELIEF"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/kill-rerun.sh"
if sh tests/kill-rerun.sh "$RELIEF"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/pathological.sh"
if sh tests/pathological.sh "$RELIEF"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "== tests/install.sh"
if sh tests/install.sh "$BUILD"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
