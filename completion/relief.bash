# relief.bash - bash completion for relief.
#
# Installed as share/bash-completion/completions/relief.  The tables below
# are checked against each command's --help by tests/check-completion.sh:
# an option that takes a value is written "--name=".

_relief_commands="index query stats clean snippets eval faq version"

# The options of a command, one word each; "--name=" takes a value.
_relief_options() {
	case $1 in
	index) echo "--db= --shards= --jobs= --prune --stopwords= --lexicon= --quiet" ;;
	query) echo "--db= --limit= --offset= --kind= --format= --batch --timings --lexicon=" \
		"--param=" ;;
	stats) echo "--db= --format=" ;;
	clean) echo "--explain --format= --output-dir= --no-learn" \
		"--stopwords= --timings" ;;
	snippets) echo "--lexicon= --stopwords=" ;;
	eval) echo "--db= --answers= --sections= --corpus= --explain=" \
		"--format= --limit= --lexicon= --param= --print-params" ;;
	faq) echo "--bundle= --out= --db= --html= --format= --batch --bm25" \
		"--timings --lexicon=" ;;
	version) echo "" ;;
	esac
}

_relief() {
	local cur prev cmd opts o words=""
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=""
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$_relief_commands --help --version" \
			-- "$cur"))
		return 0
	fi
	cmd=${COMP_WORDS[1]}
	opts=$(_relief_options "$cmd")

	# The value of the option before the cursor.
	case $prev in
	--format)
		COMPREPLY=($(compgen -W "text json" -- "$cur"))
		return 0
		;;
	--lexicon | --output-dir | --corpus)
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0
		;;
	--db | --stopwords | --answers | --sections | --bundle | --out | --html)
		# A database is a folder, or a stub file listing shards.
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0
		;;
	--limit | --offset | --kind | --param | --explain | --jobs | --shards)
		case " $opts " in
		*" $prev= "*) return 0 ;;
		esac
		;;
	esac

	case $cur in
	-*)
		for o in $opts; do
			words="$words ${o%=}"
		done
		COMPREPLY=($(compgen -W "$words --help" -- "$cur"))
		;;
	*)
		# Operands: files and folders, except for the commands that
		# take none.
		case $cmd in
		stats | version) ;;
		faq)
			# The first operand may be a subcommand.
			if [ "$COMP_CWORD" -eq 2 ]; then
				COMPREPLY=($(compgen -W "build export" -- "$cur"))
			fi
			;;
		*) COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
		;;
	esac
	return 0
}

complete -o filenames -F _relief relief
