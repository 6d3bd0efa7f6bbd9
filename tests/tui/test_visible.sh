#!/usr/bin/env bash
# The visibility invariant: after every event (key, resize, a revealed hint) the
# selected candidate is on screen, a hint just paid for is shown, scrolling the
# candidates brings the selection along, and in the results the code shows the
# selected candidate's first line. Shaken through sizes with hints open.
. "$(dirname "$0")/lib.sh"

MANY="$TUI_DIR/files/many.md"
STORM="60x16 100x30 160x48 61x17 80x24 140x40 60x16 200x50 80x24"

# selected_is N [MARK]: the selection marker sits on candidate N's first row.
selected_is() { wait_line "> +$1 ${2:-}\[" ; }

# In one capture: candidate N selected, and its line 3N marked in the code.
code_follows() {
	local capture number line
	capture=$(screen)
	number=$(grep -oE "> +[0-9]+ . \[" <<<"$capture" | head -n 1 | grep -oE "[0-9]+")
	[ -n "$number" ] || return 1
	line=$((number * 3))
	grep -qE "(^| )$line>step_$(printf %02d "$line")" <<<"$capture"
}

storm() {
	local number=$1 mark=${2:-} size
	for size in $STORM; do
		resize "${size%x*}" "${size#*x}"
		selected_is "$number" "$mark"
		expect_screen "CAND$(printf %02d "$number")"
	done
}

for size in 80x24 160x48; do
	start "${size%x*}" "${size#*x}" --no-save "$MANY"
	wait_for "Candidates: 0 of 12 answered"
	keys h
	wait_for "Reveal hint 1 of 3?"
	keys y
	wait_for "HINTONE"
	keys h
	wait_for "HINTTWO"
	keys h
	wait_for "HINTTHREE"
	note "$size: each hint just revealed is in view"

	keys j j j j j j j j
	selected_is 9
	storm 9
	note "$size: candidate 9 stays selected and in view through a resize storm with hints open"

	resize "${size%x*}" "${size#*x}"
	keys PageDown
	wait_line "> +1[0-2] \["
	keys y
	wait_line "> +1[0-2] \[  real  \]"
	keys g
	selected_is 1
	note "$size: PgDn brings the selection into view, so y marks a candidate on screen"

	keys s
	wait_for "Submit anyway?"
	keys Enter
	wait_for "Failed:"
	for _ in 1 2 3 4 5 6 7 8; do keys j; done
	selected_is 9 ". "
	wait_line "27>step_27"
	storm 9 ". "
	wait_line "27>step_27"
	note "$size: in the results candidate 9 and its line 27 stay in view through the storm"

	resize "${size%x*}" "${size#*x}"
	keys g
	selected_is 1 ". "
	keys PageDown PageDown
	wait_line "> +([2-9]|1[0-2]) . \["
	poll_until "the code at the selected candidate's line" code_follows
	note "$size: PgDn in the results moves the selection and the code follows it (line 3 x N for candidate N)"
	keys q
	expect_exit 0
done
