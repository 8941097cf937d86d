#!/bin/sh
# End-to-end test of the search page behind a real web server: lighttpd
# (with cgi/lighttpd.conf) on a free loopback port over a database of
# corpus/, checked with curl for status codes, headers and content; then
# the browser test (tests/browser.py, headless Chromium) against it.
#
#   sh tests/cgi-server.sh RELIEF RELIEF_CGI BUILD
#
# Prints one line per check and ends with "N passed, N failed"; exits
# non-zero when a check failed.
set -u
relief=$1
cgi=$2
build=$3
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
. "$(dirname "$0")/checks.sh"

port=$(free_port)
mkdir -p "$dir/www"
cp "$cgi" "$dir/www/relief.cgi"
"$relief" index --db "$dir/relief.db" corpus >/dev/null 2>&1 ||
	{ echo "FAILED: index corpus"; exit 1; }
RELIEF_WWW=$dir/www RELIEF_PORT=$port RELIEF_LOG=$dir/lighttpd.log \
	RELIEF_DB=$dir/relief.db lighttpd -D -f cgi/lighttpd.conf &
pid=$!
base=http://127.0.0.1:$port
i=0
until curl -s -o /dev/null "$base/" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 50 ]; then
		echo "FAILED: lighttpd did not start"; cat "$dir/lighttpd.log"
		exit 1
	fi
	sleep 0.1
done

# get NAME URL-PATH-AND-QUERY STATUS [TEXT...]: the status line, exactly one
# Content-Type, and each TEXT in the body.
get() {
	name=$1 path=$2 want=$3
	shift 3
	code=$(curl -s -D "$dir/h" -o "$dir/b" -w '%{http_code}' "$base$path")
	types=$(grep -ci '^content-type:' "$dir/h")
	if [ "$code" != "$want" ]; then
		bad "$name: status $code, wanted $want"
		return
	fi
	if [ "$types" != 1 ]; then
		bad "$name: $types Content-Type headers"
		return
	fi
	for t in "$@"; do
		if ! grep -qF -- "$t" "$dir/b"; then
			bad "$name: no '$t' in the page"
			return
		fi
	done
	ok "$name"
}

get "home page" "/" 200 '<form role="search"' '<label for="q">'
get "running question" "/?q=running+back+pain" 200 \
	'class="card"' 'class="results"' 'running-lower-back-ache.txt' \
	'value="running back pain"'
# The running article's advice comes first among the results.
first=$(sed -n 's/.*<p class="src">[^<]*&middot; \([^<]*\)<\/p>.*/\1/p' \
	"$dir/b" | head -1)
if [ "$first" = "running-lower-back-ache.txt" ]; then
	ok "running article first"
else
	bad "running article first: got '$first'"
fi
get "json" "/?q=running+back+pain&format=json" 200 '"results":['
grep -qi '^content-type: application/json' "$dir/h" && ok "json type" ||
	bad "json type"
get "page 2" "/?q=back+pain&page=2" 200 'Results 11&ndash;20'
# lighttpd refuses invalid UTF-8 in the URL itself; relief.cgi would too.
get "bad utf-8" "/?q=%FF" 400
get "bad page" "/?q=back&page=x" 400 'class="message"'
get "bad kind" "/?q=back&kind=%3Cb%3E" 400
get "long question" "/?q=$(printf '%0600d' 0)" 400 'too long'
get "xss" "/?q=%3Cscript%3Ealert(1)%3C/script%3E" 200 '&lt;script&gt;'
if grep -q '<script' "$dir/b"; then bad "xss: a script tag"; else
	ok "xss: no script tag"; fi
get "no database file served" "/relief.db" 404
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d q=back "$base/")
[ "$code" = 405 ] && ok "post is 405" || bad "post: $code"
code=$(curl -s -I -o "$dir/h" -w '%{http_code}' "$base/?q=back")
[ "$code" = 200 ] && ok "head" || bad "head: $code"

# The browser test, on the same server.
if command -v chromium >/dev/null 2>&1; then
	if python3 tests/browser.py "$base" "$build/tests/search-page.png"; then
		ok "browser: type, submit, card, results, kind filter, screenshot"
	else
		bad "browser"
	fi
else
	bad "browser: chromium is not installed (make deps)"
fi

checks_done
