# Shared helper for the backend proofs: a private, throw-away PostgreSQL 15 cluster.
# Source it, then call `pg_start DIR` (DIR must exist); `pg_stop` runs from the caller's trap.
# Uses PG_PORT (default 5443). PostgreSQL refuses to run as root, so as root the cluster
# runs as user `postgres` (or `nobody`). Exits 77 when the server binaries are missing.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-5443}
PG_DATA=
PG_AS=

pg_need() {
    if [ ! -x "$PG_BIN/initdb" ] || ! command -v psql >/dev/null 2>&1; then
        echo "skip: PostgreSQL 15 server binaries ($PG_BIN) or psql not found"
        exit 77
    fi
}

pg_run() {  # run a command as the cluster's owner
    if [ -n "$PG_AS" ]; then su "$PG_AS" -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

pg_start() {
    pg_need
    PG_DATA="$1/pgdata"
    if [ "$(id -u)" = 0 ]; then
        if id postgres >/dev/null 2>&1; then PG_AS=postgres; else PG_AS=nobody; fi
        chmod 755 "$1"
        mkdir -p "$PG_DATA" && chown "$PG_AS" "$PG_DATA"
    fi
    pg_run "'$PG_BIN/initdb' -D '$PG_DATA' -U postgres -A trust >/dev/null"
    pg_run "'$PG_BIN/pg_ctl' -D '$PG_DATA' -o '-p $PG_PORT -k /tmp -c listen_addresses=localhost' -w start >/dev/null"
}

pg_stop() {
    [ -n "$PG_DATA" ] && [ -d "$PG_DATA" ] && pg_run "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m immediate stop >/dev/null 2>&1" || true
}

pg_sql() {  # pg_sql "SQL"  -> unaligned, tuples-only output
    psql -h /tmp -p "$PG_PORT" -U postgres -d postgres -X -q -At -v ON_ERROR_STOP=1 -c "$1"
}

pg_python() {  # prints a python3 that can import psycopg2, or exits 77
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import psycopg2' 2>/dev/null; then
            command -v "$py"; return 0
        fi
    done
    echo "skip: no python3 with psycopg2 (apt-get install python3-psycopg2)" >&2
    exit 77
}
