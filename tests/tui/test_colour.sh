#!/usr/bin/env bash
# Colours with meaning, and distinct without them: each pick has its colour
# (bug red, warning yellow, minor cyan, not real blue), the unanswered label is
# the loudest (reversed magenta; bold underlined in monochrome), every row of
# the selected candidate is highlighted, "in progress" and "changed" differ,
# and under NO_COLOR the focused title (bold, underlined) never runs into the
# selection (reversed).
. "$(dirname "$0")/lib.sh"

# sgr_before SGR TEXT: TEXT (a regular expression) is drawn right after the
# escape sequence ending in SGR ("31" red, "1;4" bold underlined...).
capture() { tm capture-pane -e -p -t review; }
sgr_before() { capture | grep -qE $'\e\\[([0-9;]*;)?'"$1"$'m(\e\\[39m)?(\e\\[49m)?'"$2"; }
expect_sgr() { poll_until "$3" sgr_before "$1" "$2"; }

for size in 80x24 160x48; do
	start "${size%x*}" "${size#*x}" --no-save tpipe
	wait_for "Candidates: 0 of 5"
	expect_sgr 35 '\[   \?    \]' "an unanswered label in magenta"
	capture | grep -qE $'\e\\[[0-9;]*7[0-9;]*m\e\\[35m(\e\\[49m)?\\[   \\?' ||
		sgr_before "1;7" '\[   \?' || fail "the unanswered label is not reversed"
	keys 1 j 2 j 3 j n j
	wait_for "Candidates: 4 of 5"
	expect_sgr 31 '\[  bug   \]' "bug in red"
	expect_sgr 33 '\[warning \]' "warning in yellow"
	expect_sgr 36 '\[ minor  \]' "minor in cyan"
	expect_sgr 34 '\[not real\]' "not real in blue"
	note "$size: each pick has its own colour; the unanswered label is reversed magenta"
	keys q
	expect_exit 0
done

# The attribute in force where the row after CAND01 starts its text: the last
# escape before "second row" (tmux carries attributes over line ends).
second_row_selected() {
	local sgr
	sgr=$(capture | tr '\n' ' ' | sed 's/second row.*//' | grep -oE $'\e\\[[0-9;]*m' |
		grep -vE '\[(39|49)m' | tail -n 1)
	[[ "$sgr" =~ [\[\;]7m$ ]]
}
start 80 24 --no-save "$TUI_DIR/files/many.md"
wait_for "Candidates: 0 of 12"
poll_until "the selected candidate's second row highlighted" second_row_selected
note "80x24: both rows of the selected two-row candidate are highlighted"
keys q
expect_exit 0

open_pane 80 24
run_review NO_COLOR=1 --no-save tpipe
wait_for "Candidates: 0 of 5"
expect_sgr "1;4" " Candidates: 0 of 5" "the focused title bold and underlined"
sgr_before 7 " Candidates: 0 of 5" && fail "the focused title is reversed like the selection"
expect_sgr 7 "> " "the selection reversed"
expect_sgr "1;4" '\[   \?    \]' "the unanswered label bold and underlined"
note "NO_COLOR: the focused title is bold and underlined, the selection reversed"
keys q
expect_exit 0

# Statuses: an exercise with a draft is "in progress"; one whose file changed
# since is "changed", in another colour.
# The copies are the only catalog: beside the originals they would be duplicate
# ids, and which copy wins would depend on where the checkout is.
mkdir -p "$WORK/cat"
cp "$CATALOG/basics/pipeline.md" "$CATALOG/basics/buffer.md" "$WORK/cat/"
CATALOG="$WORK/cat"
start 100 30 tpipe
wait_for "Candidates: 0 of 5"
keys n q
expect_exit 0
run_review tbuf
wait_for "Candidates: 0 of 3"
keys n q
expect_exit 0
sed -i 's/^title: "A growable buffer"/title: "A growable buffer, revised"/' "$WORK/cat/buffer.md"
run_review
wait_for "changed"
expect_sgr 33 "in progress" "in progress in yellow"
expect_sgr 35 "changed" "changed in magenta"
note "in progress (yellow) and changed (magenta) differ"
keys q
expect_exit 0
