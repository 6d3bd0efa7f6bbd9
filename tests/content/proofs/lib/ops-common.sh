# Shared helpers for the proofs of the go-concurrency, shell-and-ops and
# containers-and-services exercises. Source it from a proof's `run`:
#   . "$(dirname "$0")/../lib/ops-common.sh"
# It sets ROOT (the repository), WORK (a temp folder removed on exit) and
# FAILED, and defines ok/fail/finish, need (skip when a tool is missing) and
# snippet (the exercise's `code` block, unindented).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILED=0

ok()   { printf 'ok %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; FAILED=1; }
# check ID MESSAGE COMMAND...: ok when the command succeeds, FAIL otherwise.
check() { local id=$1 msg=$2; shift 2; if "$@"; then ok "$id: $msg"; else fail "$id: $msg"; fi; }
finish() { exit "$FAILED"; }

# need TOOL...: exit 77 (skipped) when a tool is missing.
need() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || { echo "skip: $t not installed"; exit 77; }
    done
}

# snippet FILE: prints the literal `code: |` block of an exercise, without its
# two-space indentation. The block ends at the next top-level key.
snippet() {
    awk '
        /^code: \|/ { on = 1; next }
        on && /^[A-Za-z_]+:/ { exit }
        on { sub(/^  /, ""); print }
    ' "$ROOT/$1"
}

# go_mod DIR: a module for experiments (Debian 12 ships Go 1.19).
go_mod() {
    mkdir -p "$1"
    printf 'module proof\n\ngo 1.19\n' > "$1/go.mod"
}
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GO111MODULE=on
export GOCACHE="${GOCACHE:-/tmp/ops-proof-gocache}"
