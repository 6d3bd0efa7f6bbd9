#!/usr/bin/env bash
# A safer answer flow: y keeps a severity already given; submitting names the
# candidates left unanswered or real without a severity, and "no" goes to the
# first of them.
. "$(dirname "$0")/lib.sh"

for size in 80x24 160x48; do
	start "${size%x*}" "${size#*x}" --no-save tpipe
	wait_for "Candidates: 0 of 5 answered"
	keys Enter
	wait_for "Candidate 1: y real, n not real"
	keys Tab Enter
	wait_gone "Candidate 1: y real"
	keys Enter
	wait_for "Candidate 1: y real, n not real"
	note "$size: Enter says how to answer; from another pane it comes back to the candidates"
	wait_for "Candidates: 0 of 5 answered"
	keys 1 y
	note "$size: y on a bug keeps the severity"

	keys j y j 2
	wait_for "Candidates: 3 of 5 answered"
	wait_line "2 \[  real  \] There is no watermark"
	keys s
	wait_for "Unanswered (no points): candidates 4, 5."
	wait_for "Real without a"
	wait_for "(20% of the points when the key has one)"  # rule 2, not the old rule's half
	wait_for "Submit anyway? No goes to candidate 4."
	keys n
	wait_gone "Submit anyway?"
	wait_line "> 4 \[   \?    \] Words are split"
	note "$size: submit names the unanswered (4, 5) and the one without a severity (2); n goes to 4"

	keys 1 j 3 k k k 2
	wait_for "Candidates: 5 of 5 answered"
	keys s
	wait_for "Passed: 12.0 of 12 (100%)"
	note "$size: with every candidate answered with a severity, s submits at once"
	keys q
	expect_exit 0
done
