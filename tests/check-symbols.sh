#!/bin/sh
# Checks that the library exports exactly the functions its public headers
# declare: no Xapian or libstdc++ symbol leaks out, and no declared
# function is missing.  (notmuch's T360-symbol-hiding does the same.)
set -eu
lib=$1
exported=$(nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | sort -u)
declared=$(cat util/*.h text/*.h store/*.h indexer/*.h query/*.h 2>/dev/null |
	tr '\n' ' ' | grep -o '\bkb_[a-z0-9_]*[ ]*(' | tr -d ' (' | sort -u)
# A typedef'd callback name (kb_term_fn) looks like a prototype; keep only
# names that are not types.
declared=$(echo "$declared" | grep -v '_fn$' | grep -v '_t$' || true)
extra=$(comm -23 "$(printf '%s\n' "$exported" > /tmp/kb_exp.$$; echo /tmp/kb_exp.$$)" \
	"$(printf '%s\n' "$declared" > /tmp/kb_dec.$$; echo /tmp/kb_dec.$$)")
missing=$(comm -13 /tmp/kb_exp.$$ /tmp/kb_dec.$$)
rm -f /tmp/kb_exp.$$ /tmp/kb_dec.$$
if [ -n "$extra" ] || [ -n "$missing" ]; then
	[ -n "$extra" ] && echo "exported but not declared: $extra"
	[ -n "$missing" ] && echo "declared but not exported: $missing"
	exit 1
fi
echo "symbols: $(echo "$exported" | wc -l) exported, all declared"
