#!/usr/bin/env bash
# Every way out restores the terminal: q, Ctrl-C, SIGTERM, SIGHUP and a fatal
# signal, from the catalog and from an exercise, and the program is gone.
. "$(dirname "$0")/lib.sh"

open_pane 80 24

run_review
wait_for "review: 3 exercises"
keys q
expect_exit 0
expect_terminal_restored
note "q from the catalog"

run_review tpipe
wait_for "Candidates: 0 of 5 answered"
keys C-c
expect_exit 130
expect_terminal_restored
note "Ctrl-C from an exercise"

run_review
wait_for "review: 3 exercises"
keys / C-c
expect_exit 130
expect_terminal_restored
note "Ctrl-C while typing a filter"

run_review tpipe
wait_for "Candidates: 0 of 5 answered"
keys h
wait_for "Reveal hint 1 of 3?"
keys C-c
expect_exit 130
expect_terminal_restored
note "Ctrl-C while a question is open"

run_review tpipe
wait_for "Candidates: 0 of 5 answered"
kill -TERM "$(review_pid)"
expect_exit 143
expect_terminal_restored
note "SIGTERM"

run_review
wait_for "review: 3 exercises"
kill -HUP "$(review_pid)"
expect_exit 129
expect_terminal_restored
note "SIGHUP"

run_review tpipe
wait_for "Candidates: 0 of 5 answered"
kill -SEGV "$(review_pid)"
wait_line "review-exit=[0-9]+"
expect_terminal_restored
note "a fatal signal (SIGSEGV) restores the terminal before the program dies"

run_review tpipe
wait_for "Candidates: 0 of 5 answered"
keys '?'
wait_for "Keys: j/k scroll"
keys q
wait_gone "Keys: j/k scroll"
keys q
expect_exit 0
expect_terminal_restored
note "q closes the help, then quits"

run_review tpipe
wait_for "Candidates: 0 of 5 answered"
keys C-z
wait_for "review-exit=148"
expect_terminal_restored
type_text "fg"
keys Enter
wait_for "Candidates: 0 of 5 answered"
keys y
wait_for "Candidates: 1 of 5 answered"
keys q
wait_shell
expect_terminal_restored
note "Ctrl-Z suspends with the terminal restored, and fg brings the screen back"
