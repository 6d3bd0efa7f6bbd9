#!/usr/bin/env bash
# The catalog at any width: the language and difficulty columns give way before
# the title is squeezed, a cut title ends in an ellipsis, columns are measured
# on what is drawn (an invisible character shown as <U+200B> keeps them
# aligned), and the header says which rows show ("rows 1-21 of 36": 34
# exercises and their track headings).
. "$(dirname "$0")/lib.sh"

BIG="$WORK/big"
mkdir -p "$BIG"
for i in $(seq -w 1 30); do
	sed "s/^id: tpipe/id: big$i/; s/^track_order: 1/track_order: $i/;
	     s/^title: .*/title: \"A rather long title for exercise number $i that goes on and on\"/" \
		"$CATALOG/basics/pipeline.md" >"$BIG/e$i.md"
done
sed 's/^id: tpipe/id: bigzw/; s/^track_order: 1/track_order: 99/;
     s/^title: .*/title: "Zero\\u200Bwidth"/' "$CATALOG/basics/pipeline.md" >"$BIG/zw.md"

# column_of TEXT: the 1-based column where TEXT starts on its first line.
column_of() { screen | awk -v text="$1" '{ i = index($0, text); if (i) { print i; exit } }'; }

for size in 80x24 160x48; do
	start "${size%x*}" "${size#*x}" --no-save --exercises "$BIG"
	wait_for "big01"
	if [ "$size" = 80x24 ]; then
		wait_line "big01 +A rather long title for exercise number 01 .*…  Medium"
		wait_line "review: 34 exercises in 2 tracks .* rows 1-21 of 36$"
		keys G
		wait_line "review: .* rows 16-36 of 36$"
		note "$size: a cut title ends in …, and the header says which rows show"
	else
		wait_line "big01 +A rather long title for exercise number 01 that goes on and on +Medium"
		refute_screen "…"
		keys G
		note "$size: titles show whole"
	fi
	wait_for "Zero<U+200B>width"
	keys Up
	normal=$(screen | sed "s/…/./g" | grep -F "big30" | awk '{ print index($0, "Medium") }')
	marked=$(screen | grep -F "Zero<U+200B>width" | awk '{ print index($0, "Medium") }')
	[ "$normal" = "$marked" ] || fail "columns drift after a <U+200B> marker: $normal vs $marked"
	note "$size: columns stay aligned after an invisible character's marker"
	keys q
	expect_exit 0
done

start 60 16 --no-save --exercises "$BIG"
wait_for "big01"
wait_line "big01 +A rather long title for …"
refute_screen "LANGUAGE"
expect_screen "new"
note "60x16: the language column gives way and the title keeps 25 columns"
keys q
expect_exit 0
