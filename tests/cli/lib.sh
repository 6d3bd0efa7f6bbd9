# Small assertion helpers for script tests: each failure is printed, and
# `finish` exits non-zero when any failed. $T is a private temporary folder.
: "${REVIEW_BIN:?}"
export NO_COLOR=1 LC_ALL=${LC_ALL:-C.UTF-8}
unset REVIEW_PATH REVIEW_STATE
failures=0
T=$(mktemp -d)
# The learner's store (and with it the candidate order) stays in the test's folder.
export XDG_STATE_HOME="$T/state"
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run EXPECTED_EXIT ARGS...: runs review with no terminal on stdin; stdout in
# $T/out, stderr in $T/err.
run() {
	local expected=$1
	shift
	"$REVIEW_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	local status=$?
	[ "$status" -eq "$expected" ] ||
		fail "review $* exited $status, expected $expected; stderr: $(head -3 "$T/err")"
}
out_has() { grep -qF -- "$1" "$T/out" || fail "stdout lacks '$1': $(head -20 "$T/out")"; }
err_has() { grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1': $(head -5 "$T/err")"; }
out_lacks() { ! grep -qF -- "$1" "$T/out" || fail "stdout has '$1': $(grep -F -- "$1" "$T/out" | head -3)"; }
err_lacks() { ! grep -qF -- "$1" "$T/err" || fail "stderr has '$1': $(grep -F -- "$1" "$T/err" | head -3)"; }
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
	if [ "$failures" -gt 0 ]; then echo "$failures failure(s)" >&2; exit 1; fi
	echo "all passed"
}
