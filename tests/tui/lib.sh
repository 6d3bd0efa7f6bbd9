# Helpers for the terminal scenarios, sourced by tests/tui/test_*.sh.
#
# Each test gets a private tmux server (its own socket in a temporary folder), a
# pane of a fixed size running a plain shell with a pinned environment (TERM,
# locale, HOME, state folder), and types the review command line into it, so
# the tests can also see what is left once review exits. Every wait polls the
# screen with a timeout; nothing sleeps for a fixed time.
set -u

: "${REVIEW_BIN:?REVIEW_BIN must name the built review binary}"
TUI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CATALOG="$TUI_DIR/catalog"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/review-tui.XXXXXX")
SOCKET="$WORK/tmux.sock"
WAIT_SECONDS=${WAIT_SECONDS:-10}
TEST_NAME=$(basename "$0" .sh)

tm() {
	tmux -S "$SOCKET" "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
	echo "FAIL [$TEST_NAME]: $*" >&2
	echo "---- screen ----" >&2
	tm capture-pane -p -t review >&2 2>/dev/null
	echo "----------------" >&2
	exit 1
}

note() {
	echo "ok [$TEST_NAME]: $*"
}

# open_pane WIDTH HEIGHT [VAR=VALUE...]: a fresh pane running sh, environment pinned.
open_pane() {
	local width=$1 height=$2
	shift 2
	tm kill-server >/dev/null 2>&1
	local env_args=(env -i "PATH=$PATH" "HOME=$WORK/home" "XDG_STATE_HOME=$WORK/state"
		"TERM=xterm-256color" "LC_ALL=C.UTF-8" "TZ=UTC" "PS1=shell\$ ")
	for name in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
		[ -n "${!name:-}" ] && env_args+=("$name=${!name}")
	done
	mkdir -p "$WORK/home"
	# A server just killed may still be going away ("server exited
	# unexpectedly"): try again until it is gone.
	local tries=0
	until tm -f /dev/null new-session -d -s review -x "$width" -y "$height" \
		"${env_args[*]@Q} $* sh" 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -ge 100 ] && fail "tmux could not start"
		tm kill-server >/dev/null 2>&1
		sleep 0.05
	done
	tm set-option -t review status off >/dev/null
	wait_for 'shell$'
}

# run_review [VAR=VALUE...] ARGS...: types the review command line into the shell
# of the pane, with those variables set. When review ends, the shell prints
# "review-exit=STATUS".
run_review() {
	local line="env"
	while [ $# -gt 0 ] && [[ "$1" =~ ^[A-Z_]+= ]]; do
		line+=" ${1@Q}"
		shift
	done
	line+=" ${REVIEW_BIN@Q} --exercises ${CATALOG@Q}"
	# Scenarios name candidates by their place in the file; the learner's own
	# shuffled order is tested where ORDER_ARGS is set empty.
	line+=" ${ORDER_ARGS---order file}"
	# Most scenarios judge; the find phase is tested where FIND_ARGS is set empty.
	line+=" ${FIND_ARGS---no-find}"
	for arg in "$@"; do
		line+=" ${arg@Q}"
	done
	tm send-keys -t review -l "clear; $line; echo review-exit=\$?"
	tm send-keys -t review Enter
}

# start WIDTH HEIGHT ARGS...: a pane, then review in it, waiting for its first screen.
start() {
	local width=$1 height=$2
	shift 2
	open_pane "$width" "$height"
	run_review "$@"
}

screen() {
	tm capture-pane -p -t review
}

keys() {
	tm send-keys -t review "$@"
}

type_text() {
	tm send-keys -t review -l "$1"
}

# poll_until WHAT TEST...: reruns the command TEST every 50 ms until it succeeds,
# or fails the scenario with "timed out waiting for WHAT".
poll_until() {
	local what=$1
	shift
	local deadline=$((SECONDS + WAIT_SECONDS))
	until "$@"; do
		[ $SECONDS -ge $deadline ] && fail "timed out waiting for $what"
		sleep 0.05
	done
}
screen_has() { screen | grep -qF -- "$1"; }
screen_lacks() { ! screen | grep -qF -- "$1"; }
footer_has() { screen | tail -n 1 | grep -qF -- "$1"; }
screen_matches() { screen | grep -qE -- "$1"; }

# wait_for TEXT: polls the screen until TEXT (fixed string) shows, or fails.
wait_for() { poll_until "$1" screen_has "$1"; }

# wait_footer TEXT: polls until the last row holds TEXT: after a resize, proof
# that review has drawn at the new size (keys sent earlier may meet the old one).
wait_footer() { poll_until "a footer with: $1" footer_has "$1"; }

# wait_gone TEXT: polls until TEXT is no longer on the screen.
wait_gone() { poll_until "this to go: $1" screen_lacks "$1"; }

# wait_line PATTERN: polls until a line matches the extended regular expression.
wait_line() { poll_until "a line matching: $1" screen_matches "$1"; }

# expect_screen TEXT: TEXT is on the screen once the program has finished drawing.
# A capture can land mid-frame (after a resize the whole screen is repainted), so
# this polls like wait_for rather than trusting one capture.
expect_screen() {
	wait_for "$1"
}

refute_screen() {
	! screen | grep -qF -- "$1" || fail "did not expect on screen: $1"
}

# resize WIDTH HEIGHT: resizes the window, then waits for tmux to report it.
pane_size_is() { [ "$(tm display-message -p -t review '#{pane_width}x#{pane_height}')" = "$1" ]; }
resize() {
	tm resize-window -t review -x "$1" -y "$2"
	poll_until "the pane to resize to $1x$2" pane_size_is "$1x$2"
}

pane_command() {
	tm display-message -p -t review '#{pane_current_command}'
}
shell_in_front() { [ "$(pane_command)" = sh ]; }

# expect_exit STATUS: review has ended with STATUS and the shell is back in charge.
expect_exit() {
	wait_for "review-exit=$1"
	wait_shell
}

# wait_shell: review is gone and the pane's shell runs in the foreground again.
wait_shell() {
	poll_until "the shell to be back in the pane" shell_in_front
	if [ -n "$(children_of "$(tm display-message -p -t review '#{pane_pid}')")" ]; then
		fail "review is still running under the pane's shell"
	fi
}

# children_of PID: the pids whose parent is PID (read from /proc: no procps needed).
children_of() {
	local parent=$1 stat line fields
	for stat in /proc/[0-9]*/stat; do
		{ read -r line <"$stat"; } 2>/dev/null || continue
		line=${line##*) } # after the command name: state, parent, ...
		read -r -a fields <<<"$line"
		[ "${fields[1]}" = "$parent" ] && basename "$(dirname "$stat")"
	done
	return 0
}

# The terminal is back in cooked mode with echo: what is typed shows up and a
# command runs.
expect_shell_usable() {
	type_text "echo shell-is-back-\$((6*7))"
	keys Enter
	wait_for "shell-is-back-42"
}

# The pid of review, running under the pane's shell.
review_pid() {
	local pane_pid
	pane_pid=$(tm display-message -p -t review '#{pane_pid}')
	children_of "$pane_pid" | head -n 1
}

# expect_terminal_restored: review has left the alternate screen, turned mouse
# reporting off and shown the cursor again, and the shell echoes and runs commands.
expect_terminal_restored() {
	local state
	state=$(tm display-message -p -t review 'alternate=#{alternate_on} mouse=#{mouse_any_flag} cursor=#{cursor_flag} keypad=#{keypad_flag}')
	[ "$state" = "alternate=0 mouse=0 cursor=1 keypad=0" ] || fail "terminal not restored: $state"
	expect_shell_usable
}
