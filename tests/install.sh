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

# Without its installed lexicon it must not find another one.
rm -rf "$tmp/moved/share/relief/lexicon"
if "$relief" index --quiet --db "$tmp/r2.db" "$OLDPWD/corpus" \
	2>"$tmp/index2.log"; then
	fail "indexed without an installed lexicon: data came from elsewhere"
fi
grep -q "no lexicon folder found" "$tmp/index2.log" ||
	{ cat "$tmp/index2.log"; fail "unexpected error without a lexicon"; }
echo "install: a staged, moved install indexes and answers on its own data"
