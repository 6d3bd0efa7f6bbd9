#!/usr/bin/env bash
# Moving around an exercise: Tab between panes, scrolling the focused pane,
# sideways code scrolling, ]/[ through the catalog, and the mouse.
. "$(dirname "$0")/lib.sh"

start 80 24 tpipe
wait_for "Candidates: 0 of 5 answered"
wait_line "Code \(13 lines\) +1-10 of 13"
keys Tab j j j
wait_line "Code \(13 lines\) +4-13 of 13"
keys g
wait_line "Code \(13 lines\) +1-10 of 13"
keys G
wait_line "Code \(13 lines\) +4-13 of 13"
note "Tab focuses the code; j, g and G scroll it"

refute_screen "LONG_LINE_END"
keys '>' '>' '>' '>' '>' '>' '>' '>' '>' '>'
wait_for "LONG_LINE_END"
wait_line "column [0-9]+"
keys '<' '<' '<' '<' '<' '<' '<' '<' '<' '<' '<' '<'
wait_gone "LONG_LINE_END"
note "> and < scroll the code sideways"

keys BTab
keys y
wait_line "1 \[  real  \] Complete output"
note "Shift-Tab brings the focus back to the candidates"

keys x
wait_line "1 \[   \?    \] Complete output"
note "x clears an answer"

keys ']'
wait_for "A growable buffer"
keys ']'
wait_for "見直し notes in plain text"
keys ']'
wait_for "This is the last exercise of the catalog."
keys '[' '['
wait_for "Streaming word counts"
keys '['
wait_for "This is the first exercise of the catalog."
note "] and [ move through the catalog in order, and say so at either end"

# Mouse: SGR reports as an xterm sends them (column;row, 1-based).
row=$(screen | grep -n "3 \[   ?    \] The socket source" | cut -d: -f1)
[ -n "$row" ] || fail "candidate 3 not on screen"
type_text $'\e[<0;20;'"$row"'M'
type_text $'\e[<0;20;'"$row"'m'
keys n
wait_line "3 \[not real\] The socket source"
note "a click selects a candidate"

code_row=$(screen | grep -n " 1 from pyspark" | cut -d: -f1)
type_text $'\e[<65;10;'"$code_row"'M'
wait_line "Code \(13 lines\) +4-13 of 13"
type_text $'\e[<64;10;'"$code_row"'M'
wait_line "Code \(13 lines\) +1-10 of 13"
note "the wheel scrolls the pane under the pointer"

keys q
expect_exit 0
