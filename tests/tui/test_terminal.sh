#!/usr/bin/env bash
# Colours only when wanted (NO_COLOR and --color=never give bold/reverse/underline
# only); no terminal or an unusable TERM is a one-line error pointing at the
# headless verbs; LANG=C still works; nothing from a file reaches the terminal raw.
. "$(dirname "$0")/lib.sh"

# Foreground colours in tmux's dump of the screen: SGR 30-37, 90-97 or 38;...
has_colour() {
	tm capture-pane -p -e -t review | grep -qE $'\e\\[([0-9;]*;)?(3[0-8]|9[0-7])(;[0-9;]*)?m'
}
has_attributes() {
	tm capture-pane -p -e -t review | grep -qE $'\e\\[([0-9;]*;)?(1|7)(;[0-9;]*)?m'
}

open_pane 80 24
run_review tpipe
wait_for "Candidates: 0 of 5 answered"
has_colour || fail "no colour in a colour terminal"
keys q
expect_exit 0
note "colours by default"

run_review NO_COLOR=1 tpipe
wait_for "Candidates: 0 of 5 answered"
! has_colour || fail "colour despite NO_COLOR"
has_attributes || fail "no bold or reverse without colour"
keys 1 s
wait_for "Unanswered (no points)"
keys y
wait_for "(25%), pass at 70%"
! has_colour || fail "colour in the results despite NO_COLOR"
keys q
expect_exit 0
note "NO_COLOR: no colour, bold and reverse instead, still usable"

run_review --color=never
wait_for "review: 3 exercises"
! has_colour || fail "colour despite --color=never"
keys q
expect_exit 0
note "--color=never: no colour"

run_review TERM=vt100 tpipe
wait_for "Candidates: 0 of 5 answered"
! has_colour || fail "colour on a monochrome terminal"
keys 1
wait_for "Candidates: 1 of 5 answered"
keys q
expect_exit 0
note "a monochrome terminal (vt100): no colour, still usable"

run_review TERM=dumb
wait_for "review: TERM=dumb cannot move the cursor or clear the screen"
wait_for "review list"
expect_exit 2
run_review TERM=no-such-terminal-type tpipe
wait_for "review: TERM=no-such-terminal-type is not a terminal type this system knows"
expect_exit 2
note "TERM=dumb and an unknown TERM: one line naming the headless verbs, exit 2"

tm send-keys -t review -l "clear; ${REVIEW_BIN@Q} --exercises ${CATALOG@Q} tpipe > $WORK/out; echo review-exit=\$?"
keys Enter
wait_for "review: the terminal UI needs a terminal on stdin and stdout"
expect_exit 2
note "stdout not a terminal: exit 2"

errors=$("$REVIEW_BIN" --exercises "$CATALOG" </dev/null 2>&1 >/dev/null)
status=$?
[ $status -eq 2 ] || fail "without a terminal the exit status is $status, not 2"
[ "$(printf '%s\n' "$errors" | wc -l)" -eq 1 ] || fail "more than one line: $errors"
case $errors in
*"review list"*"review show"*"review grade"*) ;;
*) fail "the error does not point at the headless verbs: $errors" ;;
esac
note "no terminal at all (as in CI): one line, exit 2"

run_review LC_ALL=C tnote
wait_for "<U+898B><U+76F4><U+3057> notes in plain text"
wait_line "^ +1 TODO: <U\+898B>"
keys q
expect_exit 0
note "LANG=C: non-ASCII shows as <U+XXXX>, never garbage"

run_review tnote
wait_for "見直し notes in plain text"
wait_line "^ +1 TODO: 見直し the release notes"
keys q
expect_exit 0
note "UTF-8: wide characters are drawn as themselves"

run_review tbuf
wait_for "A growable buffer"
wait_for 'realloc is the wrong function here ^[[31mRED^[[0m'
wait_for '<U+202E>evil<U+202C>'
wait_for ' 2 /* owner: <U+202E>admin<U+202C> ^[[2J */'
tm capture-pane -p -e -t review | grep -q $'\e\\[31mRED' && fail "the file's escape sequence reached the terminal"
keys q
expect_exit 0
note "escape sequences and bidi controls from the file are shown, not obeyed, in the code pane too"
