# Shared helpers for the C and Rust proofs (tracks c-memory-safety, rust-ownership).
# Source it from a proof's `run`: it makes $T (a temp folder removed on exit),
# counts failures, and gives:
#   need TOOL...        exit 77 with "skip: ..." when a tool is missing
#   ok ID MESSAGE       print "ok ID: MESSAGE"
#   fail ID MESSAGE     print "FAIL ID: MESSAGE" and remember the failure
#   check ID MESSAGE CMD...   ok when CMD succeeds, FAIL otherwise
#   snippet ID FILE     write the `code` of exercise ID (found under exercises/) to FILE
#   finish              exit 0, or 1 if anything failed
# Rust helpers: rs_bin SRC OUT [rustc flags] builds a binary offline, std only.
#   have_strace         strace exists and may trace here (else the proof skips that line)
set -eu
PROOF_DIR=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FAILED=0
need() {
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "skip: $tool not installed"
            exit 77
        fi
    done
}
ok() { local id=$1; shift; echo "ok $id: $*"; }
fail() { local id=$1; shift; echo "FAIL $id: $*"; FAILED=1; }
check() {
    local id=$1 msg=$2; shift 2
    if "$@" >"$T/check.out" 2>&1; then ok "$id" "$msg"; else fail "$id" "$msg"; sed 's/^/    /' "$T/check.out" | head -20; fi
}
finish() { exit "$FAILED"; }
rs_bin() {
    local src=$1 out=$2; shift 2
    rustc --edition 2021 -o "$out" "$@" "$src" 2>"$T/rustc.err" || { cat "$T/rustc.err"; return 1; }
}
REPO_ROOT=$(cd "$PROOF_DIR/../../../.." && pwd)
# snippet ID FILE: the exercise's `code:` block, unindented, as written in the catalog.
snippet() {
    local file
    file=$(grep -rl "^id: $1\$" "$REPO_ROOT/exercises" | head -1)
    [ -n "$file" ] || { echo "no exercise with id $1" >&2; return 1; }
    awk '/^code: \|/ {on=1; next} on && /^[a-z_]+:/ {exit} on {sub(/^  /, ""); print}' "$file" >"$2"
}
# have_strace: strace is installed and allowed to trace here (containers may forbid ptrace).
have_strace() { command -v strace >/dev/null 2>&1 && strace -o /dev/null true >/dev/null 2>&1; }
