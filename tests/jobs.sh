#!/bin/sh
# End-to-end test of parallel indexing: the same corpus indexed with
# --jobs 1, 2 and 4 must give the same database, document for document
# (ids, terms, values, data), the same answers, and the same warnings in
# the same order; and so must a second run over changed, touched and
# removed files.
#
#   sh tests/jobs.sh RELIEF
#
# The corpus is COPIES copies of corpus/ (default 8), the seeds when
# ../shared is present, and files that give warnings.  Prints one line per
# check and ends with "N passed, N failed".
set -u
relief=$1
here=$(cd "$(dirname "$0")/.." && pwd)
copies=${COPIES:-8}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/checks.sh"

if ! command -v xapian-delve >/dev/null 2>&1; then
	echo "skipped: xapian-delve (Debian xapian-tools) is not installed"
	checks_done
	exit
fi

copies_of "$here/corpus" "$copies" "$dir/in"
[ -d "$here/../shared/seeds" ] && cp -r "$here/../shared/seeds" "$dir/in/seeds"
# Files that are not articles, or are repaired, or cut: their warnings
# must come out in file order whichever thread read them.
mkdir -p "$dir/in/odd"
: >"$dir/in/odd/empty.txt"
printf 'Back\000pain\n' >"$dir/in/odd/binary.txt"
printf 'Caf\351 stretches\n\nHold the stretch for 30 seconds, twice a day.\n' \
	>"$dir/in/odd/latin1.txt"
printf '<html><body><p>%s</p></body></html>\n' "$(printf '<b>x</b>%.0s' \
	$(seq 1 50))" >"$dir/in/odd/tags.html"
python3 -c 'print("<p a=1 " + " ".join("b%d=2" % i for i in range(400)) +
	">Rest your back and walk a little every day.</p>")' \
	>"$dir/in/odd/attrs.html"
mkdir -p "$dir/other"
printf 'Sciatica\n\nWalk daily and keep moving.\n' >"$dir/other/walk.txt"
printf 'Sciatica\n\nRest for a day.\n' >"$dir/walk.txt"

printf '%s\n' "running back pain" "stiff lower back when I wake up" \
	"sciatica stretches" "how long to hold a hamstring stretch" \
	"hot or cold pack" "glute bridge how many reps" \
	"pregnant and my back hurts" "cafe stretches" "walk daily" \
	>"$dir/questions.txt"

# Everything of the database that a reader can see: every document
# (its terms, values and data) by number, and every term with its
# frequency.
dump() {
	# The empty term's postings are every document.
	set -- "$1" $(xapian-delve -1 -t '' "$1" | sed -n 's/^[0-9][0-9]*$/-r &/p')
	xapian-delve -1 -d -V "$@" 2>&1
	xapian-delve -a -v -1 "$1"
}
answers() {
	"$relief" query --batch --db "$1" --limit 10 <"$dir/questions.txt"
}
# The run's messages without the timing.
messages() {
	sed 's/, [0-9.]* s$//' "$1"
}

build() {
	"$relief" index --quiet --jobs "$2" --db "$dir/db$2" "$dir/in" \
		"$dir/other/walk.txt" "$dir/walk.txt" 2>"$dir/$1$2.log"
	echo $? >"$dir/$1$2.rc"
	dump "$dir/db$2" >"$dir/$1$2.dump"
	answers "$dir/db$2" >"$dir/$1$2.answers"
}

# Compares round $1's outcome of --jobs $2 with that of --jobs 1.
same_as_one() {
	what="round $1, --jobs $2"
	if [ "$(cat "$dir/$1$2.rc")" != 0 ] || grep -q Sanitizer "$dir/$1$2.log"; then
		bad "$what: exit $(cat "$dir/$1$2.rc"): $(head -3 "$dir/$1$2.log")"
	fi
	if cmp -s "$dir/${1}1.rc" "$dir/$1$2.rc" &&
		[ "$(messages "$dir/${1}1.log")" = "$(messages "$dir/$1$2.log")" ]; then
		ok "$what: the same exit status and messages in the same order ($(grep -c warning "$dir/$1$2.log") warnings)"
	else
		bad "$what: other messages: $(diff "$dir/${1}1.log" "$dir/$1$2.log" | head -5)"
	fi
	if cmp -s "$dir/${1}1.dump" "$dir/$1$2.dump"; then
		ok "$what: the same documents, ids and terms ($(wc -l <"$dir/$1$2.dump") lines)"
	else
		bad "$what: other documents: $(diff "$dir/${1}1.dump" "$dir/$1$2.dump" | head -5)"
	fi
	if cmp -s "$dir/${1}1.answers" "$dir/$1$2.answers" &&
		[ -s "$dir/$1$2.answers" ]; then
		ok "$what: the same answers"
	else
		bad "$what: other answers"
	fi
}

for j in 1 2 4; do build a "$j"; done
if grep -q 'same id as an earlier file' "$dir/a1.log" &&
	grep -q 'invalid UTF-8' "$dir/a1.log" && grep -q 'empty' "$dir/a1.log"; then
	ok "the corpus gives warnings: $(grep -c warning "$dir/a1.log")"
else
	bad "the corpus gives no warnings to compare: $(cat "$dir/a1.log")"
fi
same_as_one a 2
same_as_one a 4

# A second run: one article changed, one touched, one removed.
for c in 2 3; do
	f=$(ls "$dir/in/copy$c" | grep txt | sed -n "${c}p")
	printf '\nWalk for ten minutes, three times a day.\n' >>"$dir/in/copy$c/$f"
done
touch "$dir/in/copy4/$(ls "$dir/in/copy4" | grep txt | head -1)"
rm -f "$dir/in/copy5/$(ls "$dir/in/copy5" | grep txt | head -1)"
for j in 1 2 4; do
	"$relief" index --quiet --prune --jobs "$j" --db "$dir/db$j" "$dir/in" \
		"$dir/other/walk.txt" "$dir/walk.txt" 2>"$dir/b$j.log"
	echo $? >"$dir/b$j.rc"
	dump "$dir/db$j" >"$dir/b$j.dump"
	answers "$dir/db$j" >"$dir/b$j.answers"
done
if grep -q '2 updated, .* 1 removed' "$dir/b1.log"; then
	ok "the second run updates 2 and removes 1: $(tail -1 "$dir/b1.log")"
else
	bad "the second run: $(tail -1 "$dir/b1.log")"
fi
same_as_one b 2
same_as_one b 4

if "$relief" index --jobs 0 --db "$dir/db0" "$dir/in" 2>"$dir/zero.log"; then
	bad "--jobs 0 is accepted"
elif grep -q jobs "$dir/zero.log"; then
	ok "--jobs 0 is refused: $(head -1 "$dir/zero.log")"
else
	bad "--jobs 0: $(cat "$dir/zero.log")"
fi
checks_done
