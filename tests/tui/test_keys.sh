#!/usr/bin/env bash
# Keys a terminal user already knows: F1 for help, Ctrl-D/U/F/B and g/G in any
# pane, Esc back to the catalog, / search and :N go-to-line in the code, arrows
# while filtering; the footer shows the keys of the focused pane and, when
# narrow, drops the least important first.
. "$(dirname "$0")/lib.sh"

MANY="$TUI_DIR/files/many.md"

for size in 80x24 160x30; do
	start "${size%x*}" "${size#*x}" --no-save "$MANY"
	wait_for "Candidates: 0 of 12 answered"
	keys F1
	wait_for "Keys: j/k scroll"
	keys Escape
	wait_gone "Keys: j/k scroll"
	note "$size: F1 opens the help, Esc closes it"

	footer_has "y real" || fail "the candidates' footer lacks y real"
	keys Tab
	wait_footer "/ search"
	footer_has "y real" && fail "the code's footer still shows y real"
	keys G
	wait_line " 40 +step_40"
	keys g
	wait_line "^ +1 +step_01"
	keys C-d
	wait_line "Code \(40 lines\) +([2-9]|[1-9][0-9])-[0-9]+ of 40"
	keys C-u
	wait_line "Code \(40 lines\) +1-[0-9]+ of 40"
	keys C-f
	wait_line "Code \(40 lines\) +([2-9]|[1-9][0-9])-[0-9]+ of 40"
	keys C-b
	wait_line "Code \(40 lines\) +1-[0-9]+ of 40"
	note "$size: the footer follows the focus; g, G, Ctrl-D/U/F/B move the code"

	keys /
	wait_footer "Search the code: /"
	type_text "line33"
	wait_footer "Search the code: /line33"
	keys Enter
	wait_for "Line 33 holds \"line33\""
	wait_line " 33 +step_33"
	keys :
	wait_footer "Go to line:"
	type_text "7x"
	keys Enter
	wait_line "^ +7 +step_07"
	keys : 9 9 Enter
	wait_for "The code has lines 1 to 40."
	note "$size: / searches the code, :N goes to line N, a line out of range says so"
	keys q
	expect_exit 0

	start "${size%x*}" "${size#*x}" --no-save
	wait_for "tpipe"
	keys / t
	wait_for "Filter: t_"
	keys Down Enter Enter
	wait_for "A growable buffer"
	keys Escape
	wait_footer "q quit"
	expect_screen "Streaming word counts"
	note "$size: Down moves the selection while filtering; Esc goes back to the catalog"
	keys q
	expect_exit 0
done

# A narrow footer keeps submit and Tab and drops the severities first.
start 60 16 --no-save tpipe
wait_for "Candidates: 0 of 5"
wait_footer "s submit"
footer_has "Tab pane" || fail "60 columns: the footer lost Tab"
footer_has "1/2/3" && fail "60 columns: the footer kept 1/2/3 over more important keys"
note "at 60 columns the footer keeps s submit and Tab and drops 1/2/3"
keys q
expect_exit 0
