#!/bin/sh
# An installed relief works without its source tree: `make install` into
# a staging folder (DESTDIR, as Debian packaging does), the tree moved
# away from its PREFIX, then index and query from it.  The build it
# installs forgets the source tree (SRCDIR points nowhere), so nothing
# can be read from the checkout; removing the installed lexicon then makes
# indexing fail, which proves the data came from the installed tree.
#
# usage: sh tests/install.sh BUILD
set -eu
build=${1:-build}
tmp=$(mktemp -d /tmp/relief-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "install: $*"
	exit 1
}

# A copy of the build, so that only what depends on PREFIX and SRCDIR is
# rebuilt, and the build under test is left as it is.
cp -a "$build" "$tmp/build"
make -s --no-print-directory install BUILD="$tmp/build" \
	PREFIX=/opt/relief-test DESTDIR="$tmp/stage" \
	SRCDIR="$tmp/no-source-tree" >"$tmp/make.log" 2>&1 ||
	{ cat "$tmp/make.log"; fail "make install failed"; }
mv "$tmp/stage/opt/relief-test" "$tmp/moved"
relief=$tmp/moved/bin/relief
[ -x "$relief" ] || fail "no $relief"

# The man page renders and names every command relief --help lists; the
# completion file is where bash-completion looks for it.
page=$tmp/moved/share/man/man1/relief.1
[ -f "$page" ] || fail "no $page"
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l -P cat "$page" >"$tmp/man.txt" 2>"$tmp/man.log"
else
	mandoc -Tutf8 "$page" >"$tmp/man.txt" 2>"$tmp/man.log"
fi || { cat "$tmp/man.log"; fail "$page does not render"; }
"$relief" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' \
	>"$tmp/commands"
[ -s "$tmp/commands" ] || fail "the installed relief --help lists no commands"
sed 's/.\x08//g' "$tmp/man.txt" >"$tmp/man.plain"
while read -r c; do
	grep -q "relief $c" "$tmp/man.plain" ||
		fail "the installed man page does not mention 'relief $c'"
done <"$tmp/commands"
comp=$tmp/moved/share/bash-completion/completions/relief
[ -f "$comp" ] || fail "no $comp"
bash -c '. "$1" && complete -p relief' install "$comp" >/dev/null ||
	fail "$comp does not register a completion for relief"

cd "$tmp"
"$relief" index --quiet --db "$tmp/r.db" "$OLDPWD/corpus" \
	2>"$tmp/index.log" || { cat "$tmp/index.log"; fail "index failed"; }
"$relief" query --db "$tmp/r.db" --format json "running back pain" \
	>"$tmp/q.json" 2>"$tmp/q.log" || { cat "$tmp/q.log"; fail "query failed"; }
first=$(sed -n 's/^[^[]*"results":\[{[^}]*"source":"\([^"]*\)".*/\1/p' \
	"$tmp/q.json")
case "$first" in
*run* | *jog*) ;;
*) fail "'running back pain' answered first from '$first'" ;;
esac

# The installed search page answers as the installed relief does: the
# same JSON, so it found the same lexicon (PREFIX/lib/relief/../../share).
cgi=$tmp/moved/lib/relief/relief.cgi
[ -x "$cgi" ] || fail "no $cgi"
REQUEST_METHOD=GET QUERY_STRING='q=running+back+pain&format=json' \
	RELIEF_DB=$tmp/r.db "$cgi" >"$tmp/cgi.out" 2>"$tmp/cgi.log" ||
	{ cat "$tmp/cgi.log"; fail "relief.cgi failed"; }
head -1 "$tmp/cgi.out" | grep -q '^Status: 200' ||
	fail "relief.cgi: $(head -1 "$tmp/cgi.out")"
sed '1,/^\r$/d' "$tmp/cgi.out" | cmp -s - "$tmp/q.json" ||
	fail "relief.cgi's JSON differs from relief query's"

# Without its installed lexicon it must not find another one.
rm -rf "$tmp/moved/share/relief/lexicon"
if "$relief" index --quiet --db "$tmp/r2.db" "$OLDPWD/corpus" \
	2>"$tmp/index2.log"; then
	fail "indexed without an installed lexicon: data came from elsewhere"
fi
grep -q "no lexicon folder found" "$tmp/index2.log" ||
	{ cat "$tmp/index2.log"; fail "unexpected error without a lexicon"; }
# make uninstall removes everything make install put there.
for target in install uninstall; do
	make -s --no-print-directory -C "$OLDPWD" $target \
		BUILD="$tmp/build" PREFIX=/opt/relief-test \
		DESTDIR="$tmp/stage2" SRCDIR="$tmp/no-source-tree" \
		>"$tmp/make.log" 2>&1 ||
		{ cat "$tmp/make.log"; fail "make $target failed"; }
done
left=$(find "$tmp/stage2" -type f | head -5)
[ -z "$left" ] || fail "make uninstall left $left"
echo "install: a staged, moved install indexes and answers on its own data," \
	"with its man page and completion"
