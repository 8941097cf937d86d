#!/bin/sh
# Checks completion/relief.bash in a plain bash (no bash-completion
# package): COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT are set by
# hand and _relief is called.  It must complete "relief q" to exactly
# "query", "relief query --fo" to "--format" and "--format " to its
# choices, and its command list and each command's options (and whether
# each takes a value) must equal what relief --help and each command's
# --help list.
#
# usage: sh tests/check-completion.sh RELIEF [COMPLETION]
set -eu
relief=$1
comp=${2:-completion/relief.bash}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() {
	echo "check-completion: $*"
	bad=1
}

command -v bash >/dev/null 2>&1 || { fail "bash is missing"; exit 1; }

# Prints the completions of a command line whose last word is being
# completed (a line ending in a space completes an empty word).
complete_line() {
	bash -c '
		set -u
		. "$1" || exit 1
		line=$2
		read -r -a COMP_WORDS <<<"$line"
		case $line in *" ") COMP_WORDS+=("") ;; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_relief relief "${COMP_WORDS[COMP_CWORD]}" \
			"${COMP_WORDS[COMP_CWORD - 1]}" || exit 1
		printf "%s\n" "${COMPREPLY[@]}"
	' check-completion "$comp" "$1"
}

expect() {
	got=$(complete_line "$1" | sort | tr '\n' ' ')
	[ "$got" = "$2 " ] || fail "'$1' completes to '$got', not '$2'"
}
expect "relief q" "query"
expect "relief query --fo" "--format"
expect "relief query --format " "json text"
expect "relief stats --format j" "json"
expect "relief v" "version"
expect "relief --ver" "--version"

# The commands, as relief --help lists them.
"$relief" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' |
	sort >"$tmp/commands"
[ -s "$tmp/commands" ] || fail "relief --help lists no commands"
complete_line "relief " | grep -v '^--' | sort >"$tmp/completed"
if ! cmp -s "$tmp/commands" "$tmp/completed"; then
	fail "the commands of relief --help (<) and of $comp (>) differ:"
	diff "$tmp/commands" "$tmp/completed" | grep '^[<>]' || true
fi

# Each command's options: "name arg|flag", from its --help option list,
# and from the completion's table ("--name=" takes a value).
while read -r c; do
	"$relief" "$c" --help |
		sed -n 's/^ \{1,4\}--\([a-z][a-z0-9-]*\) [^ ].*/\1 arg/p;
			s/^ \{1,4\}--\([a-z][a-z0-9-]*\)\( \{2,\}.*\)\{0,1\}$/\1 flag/p' |
		sort -u >"$tmp/help-$c"
	bash -c '. "$1" && _relief_options "$2"' check-completion "$comp" "$c" |
		tr ' ' '\n' | sed -n 's/^--\(.*\)=$/\1 arg/p; s/^--\([^=]*\)$/\1 flag/p' |
		sort -u >"$tmp/table-$c"
	if ! cmp -s "$tmp/help-$c" "$tmp/table-$c"; then
		fail "'$c': the options of 'relief $c --help' (<) and of $comp (>)" \
			"differ:"
		diff "$tmp/help-$c" "$tmp/table-$c" | grep '^[<>]' || true
	fi
	# And completing "--" offers exactly them, plus --help.
	{ cut -d' ' -f1 "$tmp/help-$c" | sed 's/^/--/'; echo --help; } |
		sort >"$tmp/want-$c"
	complete_line "relief $c --" | sort >"$tmp/got-$c"
	cmp -s "$tmp/want-$c" "$tmp/got-$c" ||
		fail "'relief $c --' completes to $(tr '\n' ' ' <"$tmp/got-$c")"
done <"$tmp/commands"

[ $bad -eq 0 ] || exit 1
echo "check-completion: $comp completes the $(wc -l <"$tmp/commands")" \
	"commands of relief --help and exactly each one's options"
