#!/bin/sh
# The search page under load, beside Xapian Omega: part of make bench.
#
#   sh bench/cgi-load.sh RELIEF RELIEF_CGI
#
# One lighttpd on loopback serves both CGIs over the same articles (the
# seeds, corpus/ and MedQuAD): relief.cgi over relief's index, Omega's CGI
# (Debian xapian-omega) over an index built by Omega's own scriptindex
# (title and text fields, the stock "query" template).  wrk runs each for
# $SECONDS_EACH seconds (default 20) with 8 connections over the same
# rotating list of dev questions, relief and Omega alternating, ROUNDS
# times (default 1).  Writes the "Search page under load" section of
# BENCHMARKS.md.
set -eu
relief=$1
cgi=$2
shared=${RELIEF_SHARED:-../shared}
secs=${SECONDS_EACH:-20}
rounds=${ROUNDS:-1}
out=bench/out/web
for t in lighttpd wrk scriptindex; do
	command -v $t >/dev/null 2>&1 ||
		{ echo "bench: $t is missing (make deps)"; exit 1; }
done
omega_cgi=/usr/lib/cgi-bin/omega/omega
[ -x "$omega_cgi" ] || { echo "bench: $omega_cgi is missing"; exit 1; }
if [ ! -d "$shared/corpora/medquad" ]; then
	echo "bench: $shared/corpora/medquad absent; no load test"
	exit 0
fi
mkdir -p "$out/www" "$out/omega/data" "$out/omega/templates"
abs=$(cd "$out" && pwd)
dirs="$shared/seeds corpus $shared/corpora/medquad"

# The two indexes, built once per corpus change.
stamp=$abs/stamp
if [ ! -f "$stamp" ] || [ -n "$(find $dirs -newer "$stamp" -print -quit)" ]; then
	rm -rf "$abs/relief.db" "$abs/omega/data/default"
	"$relief" index --quiet --db "$abs/relief.db" $dirs
	# scriptindex input: one record per article, the first line its
	# title, the whole text its body.
	python3 - $dirs >"$abs/omega.dump" <<'EOF'
import os, re, sys
for top in sys.argv[1:]:
    for root, _, files in sorted(os.walk(top)):
        for f in sorted(files):
            if not f.endswith((".txt", ".html", ".htm")):
                continue
            p = os.path.join(root, f)
            t = open(p, encoding="utf-8", errors="replace").read()
            t = re.sub(r"<[^>]*>", " ", t)
            lines = [l.strip() for l in t.splitlines() if l.strip()]
            if not lines:
                continue
            body = " ".join(lines).replace("\n", " ")
            print("url=" + os.path.relpath(p, top))
            print("title=" + lines[0])
            print("text=" + body)
            print()
EOF
	cat >"$abs/omega.script" <<'EOF'
url : field boolean=Q unique=Q
title : field=caption index=S index
text : field=sample index truncate=300
EOF
	scriptindex "$abs/omega/data/default" "$abs/omega.script" \
		"$abs/omega.dump" >"$abs/scriptindex.log"
	touch "$stamp"
fi
cp /usr/share/xapian-omega/templates/query "$abs/omega/templates/query"
cp -r /usr/share/xapian-omega/templates/inc "$abs/omega/templates/"
cat >"$abs/omega.conf" <<EOF
database_dir $abs/omega/data
template_dir $abs/omega/templates
log_dir $abs/omega
EOF
cp "$cgi" "$abs/www/relief.cgi"
cp "$omega_cgi" "$abs/www/omega.cgi"

# The questions: every symptom-dev and consumer-dev one, and 200 MedQuAD
# templates, as URL paths for each CGI.
python3 - "$shared/eval" "$abs" <<'EOF'
import sys, urllib.parse
ev, out = sys.argv[1], sys.argv[2]
qs = []
for name, col, most in (("symptom-dev.tsv", "query", None),
                        ("consumer-dev.tsv", "question", None),
                        ("medquad-dev.tsv", "question", 200)):
    rows = open(ev + "/" + name, encoding="utf-8").read().splitlines()
    head = rows[0].split("\t")
    for r in rows[1:most + 1 if most else None]:
        q = r.split("\t")[head.index(col)][:500]
        qs.append(urllib.parse.quote_plus(q))
for cgi, param in (("relief", "q"), ("omega", "P")):
    with open("%s/%s.lua" % (out, cgi), "w") as f:
        f.write("paths = {\n")
        for q in qs:
            f.write('  "/%s.cgi?%s=%s",\n' % (cgi, param, q))
        f.write("}\ni = 0\nrequest = function()\n"
                "  i = i %% #paths + 1\n"
                "  return wrk.format(nil, paths[i])\nend\n")
print(len(qs))
EOF

. tests/checks.sh
port=$(free_port)
cat >"$abs/lighttpd.conf" <<EOF
include "$(pwd)/cgi/lighttpd.conf"
setenv.add-environment += ("OMEGA_CONFIG_FILE" => "$abs/omega.conf")
EOF
RELIEF_WWW=$abs/www RELIEF_PORT=$port RELIEF_LOG=$abs/lighttpd.log \
	RELIEF_DB=$abs/relief.db lighttpd -D -f "$abs/lighttpd.conf" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
base=http://127.0.0.1:$port
i=0
until curl -s -o /dev/null "$base/relief.cgi"; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "bench: lighttpd did not start"; exit 1; }
	sleep 0.1
done
for c in relief omega; do
	code=$(curl -s -o /dev/null -w '%{http_code}' \
		"$base/$c.cgi?$( [ $c = relief ] && echo q || echo P)=back+pain")
	[ "$code" = 200 ] || { echo "bench: $c.cgi answers $code"; exit 1; }
done

# wrk's report: requests/s, p50 and p99 latency (ms), non-2xx and errors.
parse() {
	awk '
	function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
			 if (v ~ /s$/) return v * 1000; return v }
	/Requests\/sec/ { rps = $2 }
	$1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
	/Non-2xx/ { non2xx = $NF }
	/Socket errors/ { err = $0 }
	/requests in/ { n = $1 }
	END { printf "%s %.2f %.2f %d %d\n", rps, p50, p99, non2xx, n }' "$1"
}
: >"$abs/relief.runs"; : >"$abs/omega.runs"
r=1
while [ "$r" -le "$rounds" ]; do
	for c in relief omega; do
		wrk -t2 -c8 -d"${secs}s" --latency -s "$abs/$c.lua" "$base" \
			>"$abs/$c.wrk" 2>&1
		parse "$abs/$c.wrk" >>"$abs/$c.runs"
		if grep -q "Socket errors" "$abs/$c.wrk"; then
			grep "Socket errors" "$abs/$c.wrk" | sed "s/^/$c: /"
		fi
	done
	r=$((r + 1))
done
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$abs/$1.runs" | median; }
n=$(wc -l <"$abs/relief.lua"); n=$((n - 7))
rr=$(col relief 1) rp50=$(col relief 2) rp99=$(col relief 3)
rn=$(awk '{s+=$4} END {print s+0}' "$abs/relief.runs")
rt=$(awk '{s+=$5} END {print s+0}' "$abs/relief.runs")
or=$(col omega 1) op50=$(col omega 2) op99=$(col omega 3)
on=$(awk '{s+=$4} END {print s+0}' "$abs/omega.runs")
ot=$(awk '{s+=$5} END {print s+0}' "$abs/omega.runs")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
cat >"$abs/section.md" <<EOT
## Search page under load (make bench)

Produced by \`sh bench/cgi-load.sh bin/relief bin/relief.cgi\` (run by
\`make bench\`) on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m):
lighttpd $(lighttpd -v 2>&1 | sed -n 's/^lighttpd\/\([0-9.]*\).*/\1/p') with mod_cgi on loopback, one CGI process per request,
\`wrk -t2 -c8 -d${secs}s --latency\`, $rounds round(s) of relief then
Omega (medians of the rounds). Both answer the same $n questions in turn
(every symptom-dev and consumer-dev question, 200 MedQuAD templates) over
the same articles: the seeds, \`corpus/\` and MedQuAD, relief's index
built by \`relief index\`, Omega's ($(dpkg-query -W -f='${Version}' xapian-omega 2>/dev/null)) by its own \`scriptindex\` (title and
text, the stock \`query\` template).

| measure | relief.cgi | Omega | relief / Omega |
|---|---|---|---|
| requests per second | $rr | $or | $(ratio "$rr" "$or")x |
| latency p50 | $rp50 ms | $op50 ms | $(ratio "$rp50" "$op50")x |
| latency p99 | $rp99 ms | $op99 ms | $(ratio "$rp99" "$op99")x |
| requests | $rt | $ot | |
| non-2xx responses | $rn | $on | |

relief.cgi does more per request than Omega: it opens the database and
the lexicon, analyses the question, re-ranks 40 candidates, builds the
answer card and its cautions and counts the kinds of every match for the
filter.
EOT
sh tools/replace-section.sh "Search page under load (make bench)" "$abs/section.md"
cat "$abs/section.md"
