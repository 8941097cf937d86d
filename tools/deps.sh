#!/bin/sh
# Installs the Debian packages relief needs to build and test, when they
# are missing.  As root it runs apt-get; otherwise it prints the exact
# command to run and fails.  `deps.sh fuzz` adds what make fuzz needs:
# clang and its runtime libraries (libFuzzer, the sanitizers), which
# Debian's clang only recommends.
set -eu

PACKAGES="gcc g++ make pkg-config libxapian-dev libstemmer-dev libpcre2-dev
libcmocka-dev libutf8proc-dev libjansson-dev libxml2-dev time python3
mandoc man-db wamerican lighttpd curl chromium wrk xapian-omega
xapian-tools sqlite3 gnuplot-nox"
if [ "${1:-}" = fuzz ]; then
	PACKAGES="$PACKAGES clang libclang-rt-dev"
fi

missing=""
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "relief: missing packages:$missing" >&2
	echo "relief: run as root: apt-get update && apt-get install -y$missing" >&2
	exit 1
fi

echo "relief: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
