# shellcheck shell=bash
# A throwaway PostgreSQL 15 cluster for content proofs.
#
# Source it from a proof's `run` (which uses `set -eu`):
#
#   . "$(dirname "$0")/../lib/pg.sh"
#   pg_start             # exits 77 with "skip: ..." when the server binaries are missing
#   pg_sql_file setup.sql          # runs a file, stops on the first error
#   pg_q "SELECT 1"                # one query, unaligned tuples-only output
#   pg_open a; pg_open b           # two long-lived sessions for locking experiments
#   pg_send a "BEGIN; UPDATE ..."  # runs and waits until the session has answered
#   pg_send_bg b "UPDATE ..."      # sends without waiting (the statement may block)
#   pg_wait_blocked 1              # until one backend waits on a lock
#   pg_sync b                      # waits until session b has answered everything sent
#   pg_out b                       # what session b printed so far
#
# The cluster lives in a temp folder owned by user `postgres` (PostgreSQL
# refuses to run as root), listens on 127.0.0.1:$PG_PORT (default 5445, the
# data helper's port) and is stopped and removed by an EXIT trap. Sessions
# connect as the superuser `postgres` with trust authentication.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-5445}
PG_DB=${PG_DB:-proof}
PG_RUNAS=${PG_RUNAS:-postgres}

pg__as() {
    # Runs a server binary as the unprivileged user when we are root.
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_RUNAS" -- "$@"
    else
        "$@"
    fi
}

pg__cleanup() {
    local fd
    for fd in ${PG__FDS:-}; do
        eval "exec $fd>&-" 2>/dev/null || true
    done
    if [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
        pg__as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    wait 2>/dev/null || true
    [ -n "${PG_TMP:-}" ] && rm -rf "$PG_TMP"
    return 0
}

pg_start() {
    if [ ! -x "$PG_BIN/initdb" ] || ! command -v psql >/dev/null 2>&1; then
        echo "skip: PostgreSQL 15 server binaries ($PG_BIN) or psql missing"
        exit 77
    fi
    if [ "$(id -u)" = 0 ] && ! id "$PG_RUNAS" >/dev/null 2>&1; then
        echo "skip: running as root and there is no user $PG_RUNAS to run the server"
        exit 77
    fi
    PG_TMP=$(mktemp -d /tmp/pgproof.XXXXXX)
    trap pg__cleanup EXIT
    trap 'exit 1' INT TERM
    chmod 755 "$PG_TMP"
    PG_DATA=$PG_TMP/data
    mkdir "$PG_DATA" "$PG_TMP/sock"
    [ "$(id -u)" = 0 ] && chown "$PG_RUNAS" "$PG_DATA" "$PG_TMP/sock"
    pg__as "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log"; echo "FAIL context: initdb failed"; exit 1; }
    pg__as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 30 \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_TMP/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c deadlock_timeout=200ms" \
        start >/dev/null 2>&1 || { cat "$PG_DATA/server.log"; echo "FAIL context: server did not start on port $PG_PORT"; exit 1; }
    export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGOPTIONS="-c client_min_messages=warning"
    psql -X -q -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null
    export PGDATABASE=$PG_DB
}

# pg_psql ARGS...: psql without .psqlrc, quiet, tuples only, unaligned.
pg_psql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

# pg_q SQL: one query (or several separated by ;), output of the last ones.
pg_q() { pg_psql -c "$1"; }

# pg_sql_file FILE: runs FILE, stopping at its first error.
pg_sql_file() { pg_psql -f "$1"; }

# pg_try SQL: runs SQL, prints its output and error text, never fails.
pg_try() { psql -X -q -A -t -c "$1" 2>&1 || true; }

# --- two-session experiments -------------------------------------------------

PG__FDS=
PG__SEQ=0

# pg_open NAME: starts a psql session fed through a FIFO; output in $PG_TMP/NAME.out.
pg_open() {
    local name=$1 fd
    mkfifo "$PG_TMP/$name.in"
    psql -X -q -A -t -v ON_ERROR_STOP=0 <"$PG_TMP/$name.in" >"$PG_TMP/$name.out" 2>&1 &
    exec {fd}>"$PG_TMP/$name.in"
    eval "PG__FD_$name=$fd"
    PG__FDS="$PG__FDS $fd"
}

# pg_send_bg NAME SQL: sends SQL to the session without waiting for it.
pg_send_bg() {
    local name=$1 fd
    eval "fd=\$PG__FD_$name"
    printf '%s\n' "$2" >&"$fd"
}

# pg_sync NAME [TIMEOUT]: waits until the session has run everything sent so far.
pg_sync() {
    local name=$1 limit=${2:-20} marker i=0
    PG__SEQ=$((PG__SEQ + 1))
    marker="__sync_${name}_$PG__SEQ"
    pg_send_bg "$name" "\\echo $marker"
    while ! grep -q "^$marker\$" "$PG_TMP/$name.out"; do
        i=$((i + 1))
        if [ "$i" -gt $((limit * 20)) ]; then
            echo "FAIL context: session $name did not answer within ${limit}s"
            cat "$PG_TMP/$name.out"
            exit 1
        fi
        sleep 0.05
    done
}

# pg_send NAME SQL: sends SQL and waits until the session has answered.
pg_send() { pg_send_bg "$1" "$2"; pg_sync "$1"; }

# pg_wait_blocked N: waits until N client backends wait on a heavyweight lock.
pg_wait_blocked() {
    local want=$1 i=0 n
    while :; do
        n=$(pg_q "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        [ "$n" -ge "$want" ] && return 0
        i=$((i + 1))
        if [ "$i" -gt 200 ]; then
            echo "FAIL context: expected $want blocked sessions, saw $n"
            exit 1
        fi
        sleep 0.05
    done
}

# pg_out NAME: what the session printed so far, sync markers removed.
pg_out() { grep -v '^__sync_' "$PG_TMP/$1.out" || true; }

# --- reporting ------------------------------------------------------------------

PG_FAILS=0
# check ID DESCRIPTION COMMAND...: prints ok/FAIL for a claim.
check() {
    local id=$1 what=$2
    shift 2
    if "$@"; then
        echo "ok $id: $what"
    else
        echo "FAIL $id: $what"
        PG_FAILS=$((PG_FAILS + 1))
    fi
}
# contains HAYSTACK NEEDLE
contains() { case "$1" in *"$2"*) return 0 ;; *) return 1 ;; esac; }
# finish: exit status from the checks.
finish() { [ "$PG_FAILS" -eq 0 ] || exit 1; exit 0; }
