# checks.sh - sourced by the shell tests (tests/cgi-server.sh,
# tests/shards.sh) and bench/cgi-load.sh: one line per check, the closing
# count, and a free loopback port.

passed=0
failed=0

ok() {
	passed=$((passed + 1))
	echo "ok: $1"
}

bad() {
	failed=$((failed + 1))
	echo "FAILED: $1"
}

# Prints "N passed, N failed" and returns non-zero when a check failed.
checks_done() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# Fills the folder $3 with $2 copies of the folder $1, each in a folder
# copy1, copy2, ... of its own, so that every copy's articles have ids of
# their own.  $4 may be "-al" to hard-link rather than copy.
copies_of() {
	_i=1
	while [ "$_i" -le "$2" ]; do
		mkdir -p "$3"
		cp -r ${4:-} "$1" "$3/copy$_i"
		_i=$((_i + 1))
	done
}

# A free port on 127.0.0.1: bind port 0 and read what the kernel chose.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Serves the database $1 with xapian-tcpsrv on a free loopback port and
# appends its stub line to the stub file $2; the server's pid is added to
# $pids.  It runs in a session of its own: xapian-tcpsrv signals its whole
# process group when it stops, which would take make with it.
serve_remote() {
	_port=$(free_port)
	setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$_port" \
		"$1" >/dev/null 2>&1 &
	pids="${pids:-} $!"
	echo "remote 127.0.0.1:$_port" >>"$2"
}

# Waits (up to 5 s) until relief ($1) can read the database $2, such as a
# stub whose servers are still starting.
wait_readable() {
	_n=0
	while [ $_n -lt 50 ] && ! "$1" stats --db "$2" >/dev/null 2>&1; do
		sleep 0.1
		_n=$((_n + 1))
	done
}
