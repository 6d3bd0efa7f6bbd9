#!/usr/bin/env bash
# An exercise opened directly shows its header, the code with line numbers and
# every candidate; answering as the key says and submitting scores 100%; a
# wrong set scores what the scoring rule says; `r` starts a fresh attempt.
. "$(dirname "$0")/lib.sh"

start 80 24 tpipe
wait_for "Streaming word counts"
wait_line "tpipe .*Medium .*python .*hints 0/3 .*12 points"
wait_line "^ +1 from pyspark.sql import SparkSession"
wait_line "^ +9 words = lines.select"
for text in "Complete output mode rewrites every count" "There is no watermark" \
	"The socket source is not fault tolerant" "Words are split on single spaces only" \
	"current_timestamp is imported but never used"; do
	expect_screen "$text"
done
expect_screen "Candidates: 0 of 5 answered"
expect_screen "A small job counts words"
note "the exercise shows its header, numbered code and every candidate"

# The first candidate is selected: mark each as the key says.
keys 1 j 2 j 2 j 1 j 3
wait_for "Candidates: 5 of 5 answered"
wait_line "1 \[  bug   \] Complete output"
wait_line "2 \[warning \] There is no watermark"
wait_line "5 \[ minor  \] current_timestamp"
keys s
wait_for "Passed: 12.0 of 12 (100%), pass at 70%"
wait_line "5 right.* 0 partly.* 0 wrong"
wait_line "right .*you: real, bug .*key: real, bug .*earned 3.0 of 3"
expect_screen "The result table grows without bound"
note "answering as the key says scores 12.0 of 12 (100%) passed, with explanations"

# A fresh attempt: everything unanswered again, then every candidate a bug.
keys r
wait_for "Candidates: 0 of 5 answered"
keys 1 j 1 j 1 j 1 j 1
wait_for "Candidates: 5 of 5 answered"
keys s
wait_for "Failed: 8.0 of 12 (66%), pass at 70%"
wait_line "2 right.* 3 partly.* 0 wrong"
note "every candidate a bug scores 8.0 of 12 (66%) and fails, as scoring rule 2 says"

# Selecting a candidate in the results marks its lines in the code pane.
keys j
wait_line "partly right .*you: real, bug .*key: real, warning .*earned"
wait_line "1.2 of 3 .* lines 9-10"
wait_line "^ +9> *words = lines.select"
wait_line "^ +10> *counts = words.groupBy"
note "the selected result marks its lines (9-10) in the code"

keys r
wait_for "Candidates: 0 of 5 answered"
keys n j n
wait_for "Candidates: 2 of 5 answered"
keys s
wait_for "Unanswered (no points)"
keys n
wait_gone "Unanswered (no points)"
expect_screen "Candidates: 2 of 5 answered"
keys s
wait_for "Unanswered (no points)"
keys Enter
wait_for "0.0 of 12 (0%), pass at 70%"
note "submitting with unanswered candidates asks first; n cancels, Enter submits"

keys q
expect_exit 0
expect_shell_usable
note "q quits an exercise opened directly"
