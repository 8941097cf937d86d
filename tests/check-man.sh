#!/bin/sh
# Checks man/relief.1 against the program it documents:
#
#   1. mandoc lints it clean at warning level;
#   2. every command 'relief --help' lists has a SYNOPSIS entry
#      (.Nm then .Cm NAME) and a subsection (.Ss NAME), and the page has
#      no command the program lacks;
#   3. each command's option list (.It Fl -NAME under .Ss NAME) and its
#      SYNOPSIS entries name exactly the long options its --help lists,
#      and an option takes a value in the page when it does in --help;
#   4. every other option the page mentions (.Fl -NAME in text, --NAME in
#      literal examples) is one the command it is written for knows;
#   5. each command's --help lists every option of its table in
#      cli/cmd_NAME.c, since the checks above trust --help.
#
# usage: sh tests/check-man.sh RELIEF [PAGE]
set -eu
relief=$1
page=${2:-man/relief.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() {
	echo "check-man: $*"
	bad=1
}

if ! command -v mandoc >/dev/null 2>&1; then
	echo "check-man: mandoc is missing (make deps installs it)"
	exit 1
fi
if ! mandoc -Tlint -W warning "$page" >"$tmp/lint" 2>&1; then
	cat "$tmp/lint"
	fail "$page does not lint clean"
fi

# The commands, from the "commands:" block of relief --help.
"$relief" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' \
	>"$tmp/commands"
[ -s "$tmp/commands" ] || fail "relief --help lists no commands"

# One "--name arg|flag" line per option of a command's --help: its option
# list is the lines that start with a few spaces and "--".
help_options() {
	"$relief" "$1" --help |
		sed -n 's/^ \{1,4\}--\([a-z][a-z0-9-]*\) [^ ].*/\1 arg/p;
			s/^ \{1,4\}--\([a-z][a-z0-9-]*\)\( \{2,\}.*\)\{0,1\}$/\1 flag/p' |
		sort -u
}

# What the page says, one fact a line:
#   syn CMD            a SYNOPSIS entry for CMD
#   ss CMD             a subsection for CMD
#   item CMD NAME KIND an option list entry .It Fl -NAME (KIND arg|flag)
#   synopt CMD NAME    an option in CMD's SYNOPSIS entry
#   say CTX NAME       any mention of --NAME, written for command CTX
#                      ("top": relief itself, "-": no command)
awk -v cmds="$(tr '\n' ' ' <"$tmp/commands")" '
BEGIN { n = split(cmds, c, " "); for (i = 1; i <= n; i++) iscmd[c[i]] = 1 }
/^\.\\"/ { next }
/^\.Sh / { sect = $2; ctx = "-"; next }
/^\.Ss / { ctx = iscmd[$2] ? $2 : "-"; if (iscmd[$2]) print "ss", $2; next }
sect == "SYNOPSIS" && /^\.Nm$/ { ctx = "top"; fresh = 1; next }
sect == "SYNOPSIS" && fresh && /^\.Cm / {
	fresh = 0
	if (iscmd[$2]) { ctx = $2; print "syn", $2 }
	else print "syn", "?" $2
	next
}
{
	fresh = 0
	here = ctx
	macro = substr($0, 1, 1) == "."
	for (i = 1; i <= NF; i++) {
		w = $i
		if (macro && i == 1) w = substr(w, 2)
		if (macro && w == "Nm") here = "top"
		if (macro && w == "Cm" && iscmd[$(i + 1)]) here = $(i + 1)
		if (!macro && w == "relief" && iscmd[$(i + 1)]) here = $(i + 1)
		name = ""
		if (macro && w == "Fl" && $(i + 1) ~ /^-[a-z]/)
			name = substr($(i + 1), 2)
		if (!macro && w ~ /^--[a-z]/)
			name = substr(w, 3)
		if (name == "") continue
		sub(/[^a-z0-9-].*$/, "", name)
		print "say", here, name
		if (sect == "SYNOPSIS" && iscmd[here]) print "synopt", here, name
		if ($1 == ".It" && i == 2 && iscmd[here] && sect != "SYNOPSIS")
			print "item", here, name, (NF > 3 ? "arg" : "flag")
	}
}' "$page" >"$tmp/facts"

# 2. The same commands in --help, the SYNOPSIS and the subsections.
sort -u "$tmp/commands" >"$tmp/help-commands"
for what in syn ss; do
	case $what in
	syn) entry="SYNOPSIS entry (.Nm, .Cm NAME)" ;;
	*) entry="subsection (.Ss NAME)" ;;
	esac
	awk -v w=$what '$1 == w {print $2}' "$tmp/facts" | sort -u \
		>"$tmp/page-$what"
	for c in $(comm -23 "$tmp/help-commands" "$tmp/page-$what"); do
		fail "command '$c' has no $entry in $page"
	done
	for c in $(comm -13 "$tmp/help-commands" "$tmp/page-$what"); do
		fail "$page has a $entry for '$c', not a command of" \
			"relief --help"
	done
done

# 3, 4, 5, command by command.
: >"$tmp/all-options"
while read -r c; do
	help_options "$c" >"$tmp/help-$c"
	cut -d' ' -f1 "$tmp/help-$c" >>"$tmp/all-options"
done <"$tmp/commands"
printf 'help\nversion\n' >>"$tmp/all-options"
sort -u -o "$tmp/all-options" "$tmp/all-options"

# same_options COMMAND PART HELP PAGE: fails, with the lines that differ,
# unless the options of 'relief COMMAND --help' (the file HELP) are those
# of PART of its entry in the page (the file PAGE).
same_options() {
	if ! cmp -s "$3" "$4"; then
		fail "'$1': the options of 'relief $1 --help' (<) and of its" \
			"$2 in $page (>) differ:"
		diff "$3" "$4" | grep '^[<>]' || true
	fi
}

while read -r c; do
	awk -v c="$c" '$1 == "item" && $2 == c {print $3, $4}' "$tmp/facts" |
		sort -u >"$tmp/page-$c"
	same_options "$c" "option list" "$tmp/help-$c" "$tmp/page-$c"
	cut -d' ' -f1 "$tmp/help-$c" >"$tmp/names-$c"
	awk -v c="$c" '$1 == "synopt" && $2 == c {print $3}' "$tmp/facts" |
		sort -u >"$tmp/syn-$c"
	same_options "$c" SYNOPSIS "$tmp/names-$c" "$tmp/syn-$c"
	echo help >>"$tmp/names-$c"
	awk -v c="$c" '$1 == "say" && $2 == c {print $3}' "$tmp/facts" |
		sort -u | while read -r o; do
		grep -qx -- "$o" "$tmp/names-$c" ||
			echo "$page names --$o for '$c', which has no such option"
	done >>"$tmp/unknown"

	# 5. The option table of cli/cmd_NAME.c against --help.
	src=cli/cmd_$c.c
	if [ -f "$src" ]; then
		{
			grep -o 'CLI_OPT_[A-Z]*("[a-z0-9-]*"' "$src" |
				sed 's/.*("\(.*\)"/\1/'
			grep -o '\.name = "[a-z0-9-]*"' "$src" |
				sed 's/.*"\(.*\)"/\1/'
			grep -q 'CLI_ENGINE_OPTIONS(' "$src" &&
				printf 'lexicon\nparam\n'
		} | sort -u >"$tmp/table-$c"
		grep -vx help "$tmp/names-$c" | sort -u >"$tmp/listed-$c"
		if ! cmp -s "$tmp/table-$c" "$tmp/listed-$c"; then
			fail "'$c': the option table of $src (<) and" \
				"'relief $c --help' (>) differ:"
			diff "$tmp/table-$c" "$tmp/listed-$c" | grep '^[<>]' ||
				true
		fi
	else
		fail "'$c' has no $src"
	fi
done <"$tmp/commands"

# Options written for relief itself, or for no command in particular.
awk '$1 == "say" && $2 == "top" {print $3}' "$tmp/facts" | sort -u |
	while read -r o; do
	case "$o" in
	help | version) ;;
	*) echo "$page names 'relief --$o', which relief does not take" ;;
	esac
done >>"$tmp/unknown"
awk '$1 == "say" && $2 == "-" {print $3}' "$tmp/facts" | sort -u |
	while read -r o; do
	grep -qx -- "$o" "$tmp/all-options" ||
		echo "$page names --$o, which no command takes"
done >>"$tmp/unknown"
if [ -s "$tmp/unknown" ]; then
	sed 's/^/check-man: /' "$tmp/unknown"
	bad=1
fi

[ $bad -eq 0 ] || exit 1
echo "check-man: $page lints clean and documents the $(wc -l <"$tmp/commands")" \
	"commands and $(($(wc -l <"$tmp/all-options") - 2)) distinct options" \
	"of relief --help"
