#!/bin/sh
# make serve: index corpus/ into build/serve/relief.db (when it is missing
# or older than the corpus) and serve relief.cgi with lighttpd on
# 127.0.0.1 (port $PORT, default 8080) until interrupted.
#
#   sh tools/serve.sh BIN/relief BIN/relief.cgi BUILD
set -eu
relief=$1
cgi=$2
build=$3
port=${PORT:-8080}
dir=$build/serve
mkdir -p "$dir/www"
db=$(cd "$dir" && pwd)/relief.db
if [ ! -e "$db" ] || [ -n "$(find corpus -newer "$db" -print -quit)" ]; then
	"$relief" index --db "$db" corpus
fi
cp "$cgi" "$dir/www/relief.cgi"
echo "relief: serving the search page at http://127.0.0.1:$port/ (Ctrl-C stops)"
RELIEF_WWW=$(cd "$dir/www" && pwd) RELIEF_PORT=$port \
	RELIEF_LOG=$(cd "$dir" && pwd)/lighttpd.log RELIEF_DB=$db \
	exec lighttpd -D -f cgi/lighttpd.conf
