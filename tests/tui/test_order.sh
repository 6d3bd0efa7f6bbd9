#!/usr/bin/env bash
# The learner's own candidate order: a shuffle drawn once per exercise and
# store, the same after quitting, after a SIGKILL and in `review show`, a new one
# after `review reset`, and the file's order in preview, which says so.
. "$(dirname "$0")/lib.sh"

# The candidate texts in the order the screen lists them.
listed_order() {
	screen | grep -oE '^[> ]*[1-5] \[[^]]*\] (Complete|There is|The socket|Words are|current_timestamp)' |
		sed -E 's/^[> ]*[1-5] \[[^]]*\] //' | tr '\n' '|'
}
# The order `review show` prints for the same store, in the same words.
show_order() {
	env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" show tpipe |
		sed -n '/^Candidates/,$p' | grep -oE '^ *[1-5]\. (Complete|There is|The socket|Words are|current_timestamp)' |
		sed -E 's/^ *[1-5]\. //' | tr '\n' '|'
}

open_pane 100 40
ORDER_ARGS="" run_review tpipe
wait_for "Candidates: 0 of 5 answered"
first=$(listed_order)
[ "$(echo "$first" | tr '|' '\n' | grep -c .)" = 5 ] || fail "expected 5 candidates listed, got '$first'"
[ "$first" = "$(show_order)" ] || fail "review show lists '$(show_order)', the screen '$first'"
note "the exercise lists its candidates in the learner's order, as review show does"

keys q
expect_exit 0
ORDER_ARGS="" run_review tpipe
wait_for "Candidates: 0 of 5 answered"
[ "$(listed_order)" = "$first" ] || fail "the order changed after quit: '$(listed_order)' vs '$first'"
kill -KILL "$(review_pid)"
wait_shell
# A killed review cannot restore the terminal: the shell is left in raw mode,
# where Enter is no newline. Ctrl-J is, so the tty can be repaired from there.
tm send-keys -t review -l "stty sane; printf '\033[?1049l'; clear"
tm send-keys -t review C-j
wait_gone "review-exit=137"
ORDER_ARGS="" run_review tpipe
wait_for "Candidates: 0 of 5 answered"
[ "$(listed_order)" = "$first" ] || fail "the order changed after a kill: '$(listed_order)' vs '$first'"
note "the same order after quitting and after a SIGKILL"

keys q
expect_exit 0
# Five candidates have 120 orders: a redraw can repeat the old one, so try a few.
changed=0
for attempt in 1 2 3; do
	env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" reset tpipe --yes >/dev/null 2>&1
	[ "$(show_order)" != "$first" ] && { changed=1; break; }
done
[ "$changed" = 1 ] || fail "review reset never drew a new order"
note "review reset draws a new order"

ORDER_ARGS="" run_review preview tpipe
wait_for "file order"
# The key's lines under each candidate push the last one below the fold.
[[ "$(listed_order)" == "Complete|There is|The socket|Words are|"* ]] ||
	fail "preview is not in file order: '$(listed_order)'"
note "preview keeps the file's order and says so in the header"
keys q
expect_exit 0

