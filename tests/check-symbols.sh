#!/bin/sh
# Checks that the library exports exactly the functions its public headers
# declare: no Xapian or libstdc++ symbol leaks out, no internal function
# (declared in a *_internal.h) is exported, and no public function is
# missing.  (notmuch's T360-symbol-hiding does the same.)
set -eu
lib=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The public headers: one per module, named kb_*.h.
nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | sort -u \
	> "$tmp/exported"
cat util/kb_*.h text/kb_*.h store/kb_*.h clean/kb_*.h snippet/kb_*.h \
	indexer/kb_*.h query/kb_*.h eval/kb_*.h faq/kb_*.h |
	tr '\n' ' ' | grep -o '\bkb_[a-z0-9_]*[ ]*(' | tr -d ' (' | sort -u |
	grep -v '_fn$' | grep -v '_t$' > "$tmp/declared" || true
extra=$(comm -23 "$tmp/exported" "$tmp/declared")
missing=$(comm -13 "$tmp/exported" "$tmp/declared")
if [ -n "$extra" ] || [ -n "$missing" ]; then
	[ -n "$extra" ] && echo "exported but not in a public header:" $extra
	[ -n "$missing" ] && echo "declared in a public header but not" \
		"exported:" $missing
	exit 1
fi
echo "symbols: $(wc -l < "$tmp/exported") exported, all declared in" \
	"public headers"
