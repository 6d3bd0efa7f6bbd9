#!/usr/bin/env bash
# `h` asks before the first hint, stating its cost, then reveals the hint text;
# the next hint comes without asking; the score pays for them. `?` shows the keys.
. "$(dirname "$0")/lib.sh"

start 80 24 tpipe
wait_for "hints 0/3"
keys h
wait_for "Reveal hint 1 of 3?"
wait_for "Each hint costs 10% of the points: -1.2"
keys Escape
wait_gone "Reveal hint 1 of 3?"
expect_screen "hints 0/3"
refute_screen "FIRSTHINT"
note "Esc cancels the first hint's question; nothing is charged"

keys h
wait_for "Reveal hint 1 of 3?"
keys y
wait_for "FIRSTHINT"
wait_for "Hints: 1 of 3 revealed, -1.2 points"
expect_screen "hints 1/3"
note "y reveals the first hint, its text and its cost"

keys h
wait_for "SECONDHINT"
wait_for "Hints: 2 of 3 revealed, -2.4 points"
refute_screen "Reveal hint"
note "the second hint comes without a question"

keys 1 j 2 j 2 j 1 j 3 s
wait_for "9.6 of 12 (80%), pass at 70%"
expect_screen "hints −2.4"
note "the key with two hints scores 12 - 2 x 1.2 = 9.6"

keys '?'
wait_for "Keys: j/k scroll"
expect_screen "show or hide this help"
expect_screen "Everywhere"
keys PageDown
wait_for "flag the code line under the cursor"
keys PageDown
wait_for "edit the file in"
keys PageDown
wait_for "reveal the next hint"
keys G
wait_for "start a fresh attempt"
keys q
wait_gone "Keys: j/k scroll"
expect_screen "9.6 of 12 (80%), pass at 70%"
keys '?'
wait_for "Keys: j/k scroll"
keys Escape
wait_gone "Keys: j/k scroll"
note "? shows the keys, scrolls, and q or Esc closes it without leaving the exercise"

keys q
expect_exit 0
