# Small assertion helpers for script tests: each failure is printed, and
# `finish` exits non-zero when any failed.
FAILURES=0
fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
expect_exit() {
	local want=$1; shift
	"$@" >/dev/null 2>&1; local got=$?
	[ "$got" = "$want" ] || fail "exit $got, expected $want: $*"
}
expect_out_contains() {
	local want=$1; shift
	local out; out=$("$@" 2>/dev/null)
	case "$out" in *"$want"*) ;; *) fail "stdout of '$*' lacks '$want'"; echo "$out" | head -20 >&2 ;; esac
}
expect_err_contains() {
	local want=$1; shift
	local err; err=$("$@" 2>&1 >/dev/null)
	case "$err" in *"$want"*) ;; *) fail "stderr of '$*' lacks '$want'"; echo "$err" | head -20 >&2 ;; esac
}
assert_contains() { case "$1" in *"$2"*) ;; *) fail "output lacks '$2'"; echo "$1" | head -30 >&2 ;; esac; }
assert_not_contains() { case "$1" in *"$2"*) fail "output has '$2'"; echo "$1" | head -30 >&2 ;; esac; }
finish() {
	if [ "$FAILURES" -gt 0 ]; then echo "$FAILURES failure(s)" >&2; exit 1; fi
	echo "all passed"
}
