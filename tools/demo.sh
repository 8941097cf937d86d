#!/bin/sh
# make demo: index the sample articles in corpus/ and answer two symptom
# questions.  The database is ./relief.db unless $RELIEF_DB says otherwise.
set -eu
relief=$1
db=${RELIEF_DB:-relief.db}

echo "== relief index --db $db corpus"
"$relief" index --db "$db" corpus
echo
for q in "running back pain" "stiff lower back when I wake up"; do
	echo "== relief query --db $db --limit 3 \"$q\""
	"$relief" query --db "$db" --limit 3 "$q"
done
