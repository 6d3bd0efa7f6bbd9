#!/bin/bash
# A throwaway PostgreSQL cluster for content checks and proofs: local socket only,
# no TCP port, no fsync, removed by pg_stop. PostgreSQL refuses to run as root,
# so as root the server runs as user postgres (or nobody when there is none).
#
# Sourced, in a proof:
#     . "$(dirname "$0")/../../lib/pg.sh"
#     pg_start || { echo "skip: $PG_WHY"; exit 77; }
#     trap pg_stop EXIT
#     psql -v ON_ERROR_STOP=1 -c 'select 1'
# pg_start exports PGHOST, PGPORT, PGUSER=postgres and PGDATABASE=postgres, so
# plain `psql` connects; PG_DIR is the cluster's folder, PG_BIN the server's bin.
#
# As a command (what test_snippets.py uses):
#     tests/content/lib/pg.sh start DIR    prints PGHOST=... lines, server left running
#     tests/content/lib/pg.sh stop DIR

# The newest PostgreSQL server installed by Debian (15 on Debian 12).
pg_find_bin() {
	local dir best=""
	for dir in /usr/lib/postgresql/*/bin; do
		[ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && best=$dir
	done
	[ -n "$best" ] || { PG_WHY="no PostgreSQL server (apt-get install postgresql)"; return 1; }
	PG_BIN=$best
}

# Runs a command as the cluster's owner (the caller itself unless it is root).
pg_as_owner() {
	if [ "$(id -u)" != 0 ]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u "$PG_OWNER" -- "$@"
	else
		su -s /bin/sh "$PG_OWNER" -c "$(printf '%q ' "$@")"
	fi
}

# pg_start [DIR]: creates and starts a cluster in DIR (a new temporary folder by default).
pg_start() {
	pg_find_bin || return 1
	PG_DIR=${1:-$(mktemp -d "${TMPDIR:-/tmp}/review-pg.XXXXXX")}
	mkdir -p "$PG_DIR/sock"
	PG_OWNER=$(id -un)
	if [ "$(id -u)" = 0 ]; then
		if id postgres >/dev/null 2>&1; then PG_OWNER=postgres; else PG_OWNER=nobody; fi
		chown -R "$PG_OWNER" "$PG_DIR"
		chmod 755 "$PG_DIR"
	fi
	if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 \
		--locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1; then
		PG_WHY="initdb failed: $(tail -n 3 "$PG_DIR/initdb.log" | tr '\n' ' ')"
		return 1
	fi
	if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR/sock' -p 5440 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20 -c shared_buffers=16MB" \
		start >"$PG_DIR/pg_ctl.log" 2>&1; then
		PG_WHY="the server did not start: $(tail -n 3 "$PG_DIR/server.log" 2>/dev/null | tr '\n' ' ')"
		return 1
	fi
	export PGHOST="$PG_DIR/sock" PGPORT=5440 PGUSER=postgres PGDATABASE=postgres
	export PG_DIR PG_BIN PG_OWNER
}

# pg_stop: stops the cluster started by pg_start and removes its folder.
pg_stop() {
	[ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
	pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
	unset PG_DIR
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -u
	case "${1:-} ${2:+dir}" in
	"start dir")
		pg_start "$2" || { echo "$PG_WHY" >&2; exit 1; }
		printf 'PGHOST=%s\nPGPORT=%s\nPGUSER=%s\nPGDATABASE=%s\n' "$PGHOST" "$PGPORT" "$PGUSER" "$PGDATABASE"
		;;
	"stop dir")
		pg_find_bin || exit 0
		PG_DIR=$2
		PG_OWNER=$(stat -c %U "$PG_DIR/data" 2>/dev/null || id -un)
		pg_stop
		;;
	*)
		echo "usage: $0 start DIR | stop DIR" >&2
		exit 2
		;;
	esac
fi
