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

# A free port on 127.0.0.1: bind port 0 and read what the kernel chose.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
