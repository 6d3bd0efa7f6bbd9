#!/usr/bin/env bash
# Results that teach at a glance: a right / partly / wrong column that reads
# with a symbol (in monochrome and in ASCII too) and a colour; w and W go to the
# next and previous wrong answer; context and hints fold to their titles and
# every hint is free to read; the last results come back with L, from the
# exercise and from the catalog.
. "$(dirname "$0")/lib.sh"

colour_before() {
	tm capture-pane -e -p -t review | grep -qE $'\e\\['"$1"$'m(\e\\[49m)?'"$2"
}

answer_and_submit() {
	wait_for "Candidates: 0 of 5 answered"
	keys 1 j y j n j 1
	wait_for "Candidates: 4 of 5 answered"
	keys s
	wait_for "Unanswered (no points)"
	keys Enter
	wait_for "Failed:"
}

for size in 80x24 160x48; do
	rm -rf "$WORK/state"
	start "${size%x*}" "${size#*x}" tpipe
	answer_and_submit
	wait_line "> 1 ✓ \[  bug   \] Complete output"
	wait_line "2 ~ \[  real  \] There is no watermark"
	wait_line "3 ✗ \[not real\] The socket source"
	expect_screen "Context and task (Tab to read)"
	expect_screen "all 3 free to read now (Tab)"
	refute_screen "FIRSTHINT"
	# With its escapes: the colour (32 green, 31 red) comes right before the mark.
	poll_until "a green right mark" colour_before 32 "✓"
	poll_until "a red wrong mark" colour_before 31 "✗"
	note "$size: each result has its mark (✓ ~ ✗) in colour; context and hints fold to their titles"

	keys w
	selected_line() { wait_line "> $1 . \["; }
	selected_line 2
	keys w
	selected_line 3
	keys w
	selected_line 5
	keys W
	selected_line 3
	keys j
	selected_line 4
	keys k
	selected_line 3
	note "$size: w and W go to the next and previous wrong answer; j and k move by candidate"

	keys Tab Tab Tab
	wait_for "THIRDHINT"
	expect_screen "FIRSTHINT"
	note "$size: after submitting, every hint is there to read, at no cost"

	keys r
	wait_for "Candidates: 0 of 5 answered"
	keys n
	wait_line "1 \[not real\] Complete output"
	keys L
	wait_for "The results of your last attempt"
	wait_line "1 ✓ \[  bug   \] Complete output"
	keys r
	wait_for "Back to your answers."
	wait_line "1 \[not real\] Complete output"
	note "$size: L shows the last results again, r comes back to the answers in progress"

	keys c
	wait_for "Streaming word counts"
	wait_footer "q quit"
	keys L
	wait_for "The results of your last attempt"
	wait_line "1 ✓ \[  bug   \] Complete output"
	note "$size: c goes from review ID to the catalog, and L there opens the last results"
	keys q
	wait_footer "q quit"
	keys q
	expect_exit 0
done

# Monochrome and ASCII: the marks still say right, partly, wrong.
open_pane 80 24
run_review NO_COLOR=1 LC_ALL=C --no-save tpipe
answer_and_submit
wait_line "> 1 \+ \[  bug   \] Complete output"
wait_line "2 ~ \[  real  \] There is no watermark"
wait_line "3 x \[not real\] The socket source"
note "with NO_COLOR and LANG=C the marks read + ~ x"
keys q
expect_exit 0

# At 60 columns the score line keeps every figure by tightening the tallies.
open_pane 60 16
run_review LC_ALL=C --no-save tpipe
answer_and_submit
wait_line "Failed: 6.6 of 12 \(55%\), pass at 70% - 2\+ 1~ 2x$"
note "60x16: the score line tightens to 2+ 1~ 2x rather than cut"
keys q
expect_exit 0
