#!/bin/sh
# Checks that the modules depend on each other one way only (CONTRIBUTING.md,
# "Layout"), from the #include lines of their .c, .cc and .h files:
#
#   util/                         nothing of ours
#   text/ store/                  util/
#   clean/ snippet/               text/ util/
#   indexer/                      clean/ snippet/ text/ store/ util/
#   query/                        text/ store/ util/
#   eval/                         query/ util/
#   faq/                          query/ text/ store/ util/ (offline FAQ)
#   cli/                          any of the above
#   cgi/                          query/ text/ util/ (the search page)
#
# and that no module includes another folder's *_internal.h (tests/ may).
# Then, inside clean/, snippet/ and indexer/, that no two files call each
# other's kb_ functions (a call loop).  Prints one line per check; exits 1
# on a violation.  Run from the top of the tree (make check does).
set -u

fail=0

# allowed FOLDER "FOLDERS IT MAY INCLUDE"
allowed() {
	dir=$1
	ok=$2
	bad=""
	used=$(cat "$dir"/*.c "$dir"/*.cc "$dir"/*.h 2>/dev/null |
		sed -n 's|^#include "\.\./\([a-z]*\)/.*|\1|p' | sort -u)
	for u in $used; do
		case " $ok " in
		*" $u "*) ;;
		*) bad="$bad $u/" ;;
		esac
	done
	if [ -n "$bad" ]; then
		echo "layers: $dir/ includes$bad: not allowed (may use: $ok)"
		fail=1
	else
		echo "layers: $dir/ includes only what it may use: ${ok:-nothing}"
	fi
}

allowed util ""
allowed text "util"
allowed store "util"
allowed clean "text util"
allowed snippet "text util"
allowed indexer "clean snippet text store util"
allowed query "text store util"
allowed eval "query util"
allowed faq "query text store util"
allowed cli "util text store clean snippet indexer query eval faq"
allowed cgi "query text util"

# Private headers stay in their folder.
priv=$(grep -n '^#include "\.\./[a-z]*/[a-z_]*_internal\.h"' \
	util/* text/* store/* clean/* snippet/* indexer/* query/* eval/* \
	faq/* cli/* cgi/* 2>/dev/null)
if [ -n "$priv" ]; then
	echo "layers: another folder's private header included:"
	echo "$priv"
	fail=1
else
	echo "layers: no module includes another folder's *_internal.h"
fi

# Call loops between two files of one folder: A calls a kb_ function
# defined in B and B one defined in A.  Comments are left out.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in clean snippet indexer; do
	for f in "$dir"/*.c; do
		b=$(basename "$f" .c)
		grep -o '^kb_[a-z0-9_]*(' "$f" | tr -d '(' | sort -u > "$tmp/$b.def"
		sed -e 's|/\*.*\*/||g' -e '/^[ 	]*\*/d' -e '/^[ 	]*\/\*/d' "$f" |
			grep -o '\bkb_[a-z0-9_]*' | sort -u > "$tmp/$b.use"
	done
	loops=""
	for f in "$dir"/*.c; do
		a=$(basename "$f" .c)
		for g in "$dir"/*.c; do
			b=$(basename "$g" .c)
			[ "$a" \< "$b" ] || continue
			ab=$(comm -12 "$tmp/$a.use" "$tmp/$b.def" | head -1)
			ba=$(comm -12 "$tmp/$b.use" "$tmp/$a.def" | head -1)
			if [ -n "$ab" ] && [ -n "$ba" ]; then
				loops="$loops $a.c<->$b.c ($ab, $ba)"
			fi
		done
	done
	rm -f "$tmp"/*.def "$tmp"/*.use
	if [ -n "$loops" ]; then
		echo "layers: call loop in $dir/:$loops"
		fail=1
	else
		echo "layers: no two files of $dir/ call each other"
	fi
done

exit $fail
