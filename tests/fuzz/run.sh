#!/bin/sh
# run.sh [-r] BUILD SECONDS NAME... - runs the libFuzzer harnesses
# BUILD/bin/fuzz_NAME one after another (the machine is shared: one core
# each, never two at once), each for SECONDS, and prints one line per
# harness with its executions per second and coverage.  Exits 1 when any
# harness found a crash, a leak, a timeout or ran out of memory; the input
# is saved as BUILD/crashes/NAME-*, to reproduce with
# `BUILD/bin/fuzz_NAME FILE` and to turn into a cmocka test.
#
# Each harness starts from its own seeds, tests/fuzz/seeds/NAME, plus the
# folders listed below for it: corpus/ and the shared seed articles
# (${RELIEF_SHARED:-../shared}/seeds, read in place, never copied).  New
# inputs libFuzzer finds go to BUILD/corpus/NAME, kept between runs.
#
# With -r it also writes BUILD/section.md, the "Fuzzing (make fuzz-bench)"
# section of BENCHMARKS.md.
set -u

report=0
if [ "${1:-}" = -r ]; then
	report=1
	shift
fi
build=$1
secs=$2
shift 2
shared=${RELIEF_SHARED:-../shared}
logs=$build/logs
mkdir -p "$logs" "$build/crashes"
rows=$build/rows
: > "$rows"
failed=0

# seeds NAME: the seed folders of one harness, its own first.
seeds() {
	echo "tests/fuzz/seeds/$1"
	case $1 in
	text | clean | snippet)
		echo corpus
		[ -d "$shared/seeds" ] && echo "$shared/seeds"
		;;
	esac
}

# max_len NAME: the longest input libFuzzer makes for it.  Pages and
# articles need room for structure; questions and query strings do not.
max_len() {
	case $1 in
	clean | snippet) echo 16384 ;;
	query) echo 2048 ;;
	cgi) echo 4200 ;;
	*) echo 4096 ;;
	esac
}

for name in "$@"; do
	bin=$build/bin/fuzz_$name
	log=$logs/$name.log
	if [ ! -x "$bin" ]; then
		echo "fuzz: $bin is not built" >&2
		failed=1
		continue
	fi
	mkdir -p "$build/corpus/$name"
	# shellcheck disable=SC2046
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$(max_len "$name")" -print_final_stats=1 \
		-artifact_prefix="$build/crashes/$name-" \
		"$build/corpus/$name" $(seeds "$name") > "$log" 2>&1
	rc=$?
	# The last status line: "#N DONE cov: C ft: F corp: U/S ... exec/s: E".
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
	if [ $rc -eq 0 ]; then
		found=none
	else
		found=$(grep -m 1 -E '^==[0-9]+==ERROR|^SUMMARY|CHECK\(' "$log" ||
			echo "exit status $rc")
		failed=1
	fi
	echo "fuzz: $name: ${secs} s, ${runs:-?} runs, ${eps:-?} exec/s," \
		"cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}: $found"
	if [ $rc -ne 0 ]; then
		echo "fuzz: $name: see $log; inputs in $build/crashes/" >&2
		tail -n 30 "$log" >&2
	fi
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" \
		"$secs" "${runs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" \
		"${corp:-?}" "${rss:-?}" "$found" >> "$rows"
done

if [ $report -eq 1 ]; then
	{
		echo "## Fuzzing (make fuzz-bench)"
		echo
		echo "One campaign per harness, one after another on one core of a"
		echo "shared 2-core machine: \`make fuzz-bench FUZZ_BENCH_SECONDS=$secs\`"
		echo "(tests/fuzz/run.sh; clang $(clang -dumpversion 2>/dev/null)," \
			"-fsanitize=fuzzer,address,undefined, -O1), on $(date -u +%Y-%m-%d)."
		echo "Each starts from the corpus of the runs before it in"
		echo "build/fuzz/corpus/ and its seeds.  exec/s is libFuzzer's"
		echo "average over the run; cov (coverage points: edges) and ft"
		echo "(features) are its figures at the end; only relief's own code"
		echo "is instrumented (not Xapian, libxml2 or PCRE2).  \"found\" is"
		echo "what libFuzzer reported: a crash, leak, timeout (10 s) or"
		echo "broken CHECK."
		echo
		echo "| harness | seconds | runs | exec/s | cov | ft | corpus | peak RSS MB | found |"
		echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
		cat "$rows"
	} > "$build/section.md"
fi
exit $failed
