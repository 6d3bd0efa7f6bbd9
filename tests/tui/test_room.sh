#!/usr/bin/env bash
# Room: the task sentence shows, or the title says more is below; z zooms the
# focused pane and back; on a wide screen the code takes the width its lines
# need; the too-small notice is never cut and q quits from it whatever is open.
. "$(dirname "$0")/lib.sh"

MANY="$TUI_DIR/files/many.md"

start 80 24 --no-save tpipe
wait_for "Candidates: 0 of 5"
expect_screen "Review this streaming job."
refute_screen "more below"
note "80x24: a short context shows whole, the task sentence included"
keys q
expect_exit 0

for size in 80x24 160x30; do
	start "${size%x*}" "${size#*x}" --no-save "$MANY"
	wait_for "Candidates: 0 of 12"
	if [ "$size" = 80x24 ]; then
		wait_for "more below, Tab then j"
		refute_screen "TASKSENTENCE"
		keys Tab Tab j j j
		wait_for "TASKSENTENCE"
		note "$size: a long context says more is below, and the task is one Tab and j away"
		keys BTab BTab
	fi
	keys Tab
	wait_footer "/ search"
	keys z
	wait_line "Code \(40 lines\) +1-[0-9]+ of 40"
	refute_screen "Candidates: 0 of 12"
	refute_screen "Context and task"
	keys Tab
	wait_for "Context and task"
	refute_screen "Code (40 lines)"
	keys BTab BTab
	wait_for "Candidates: 0 of 12"
	refute_screen "Code (40 lines)"
	keys z
	wait_for "Code (40 lines)"
	expect_screen "Context and task"
	note "$size: z zooms the focused pane to the screen, Tab moves the zoom, z again goes back"
	keys q
	expect_exit 0
done

start 160 48 --no-save "$MANY"
wait_for "Candidates: 0 of 12"
column=$(screen | awk '{ i = index($0, "Candidates: 0 of 12"); if (i) print i }')
[ "$column" -le 72 ] || fail "the code pane of short lines took $column columns"
note "160x48: short code lines leave the room to the candidates (they start at column $column)"
keys q
expect_exit 0

start 80 24 --no-save tpipe
wait_for "Candidates: 0 of 5"
keys h
wait_for "Reveal hint 1 of 3?"
resize 40 12
wait_for "Enlarge it, or press q to"
wait_for "quit."
wait_for "Terminal too small: 40x12."
keys q
expect_exit 0
note "40x12: the notice wraps whole, and q quits even with a question open"
