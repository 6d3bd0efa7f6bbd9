#!/usr/bin/env bash
# The catalog lists the exercises grouped by track in catalog order, `/` filters
# as you type, Esc clears the filter, Enter opens, and `q` leaves a usable shell.
. "$(dirname "$0")/lib.sh"

start 80 24
wait_for "review: 3 exercises in 2 tracks"
expect_screen "tui-basics"
expect_screen "tui-extra"
expect_screen "Streaming word counts"
expect_screen "A growable buffer"
expect_screen "見直し notes in plain text"
# Catalog order: the track's level and order, tracks grouped under their heading.
[ "$(screen | grep -oE "tui-basics|tpipe|tbuf|tui-extra|tnote" | tr '\n' ' ')" = \
	"tui-basics tpipe tbuf tui-extra tnote " ] || fail "the catalog is not in track, level, order order"
expect_screen "0/2 passed"
wait_line "tpipe +Streaming word counts +Medium +python +new"
note "catalog lists the test exercises by track with their status"

keys /
type_text "grow"
wait_for "Filter: grow"
wait_for "(1 of 3)"
expect_screen "A growable buffer"
refute_screen "Streaming word counts"
refute_screen "tui-extra"
note "typing after / filters the list"

keys Escape
wait_gone "Filter:"
expect_screen "Streaming word counts"
note "Esc clears the filter"

keys /
type_text "nothing-matches-this"
wait_for "No exercise matches the filter"
keys Escape
wait_for "Streaming word counts"

keys / ; type_text "見直し"; keys Enter
wait_for "(1 of 3)"
keys Enter
wait_for "TODO:"
expect_screen "tnote"
note "Enter opens the selected exercise"

keys q
wait_for "review: 3 exercises in 2 tracks"
note "q goes back from an exercise to the catalog"
keys q
expect_exit 0
expect_shell_usable
note "q quits the catalog and leaves a working shell"

# Error paths: a file that breaks after the catalog was loaded, an empty catalog.
cp -r "$CATALOG" "$WORK/catalog"
CATALOG="$WORK/catalog"
run_review
wait_for "review: 3 exercises in 2 tracks"
printf -- '---\ntitle: "now broken"\n---\n' >"$CATALOG/basics/buffer.md"
keys j Enter
wait_line "buffer.md does not load \([0-9]+ errors?\)"
wait_for "shows why"
expect_screen "review: 3 exercises in 2 tracks"
keys k Enter
wait_for "Streaming word counts"
note "a file that no longer loads stays in the catalog with a message saying why"
keys q q
expect_exit 0

mkdir -p "$WORK/empty"
CATALOG="$WORK/empty"
run_review
wait_for "review: 0 exercises in 0 tracks"
wait_for "No exercises found. Point review at a folder: review --exercises DIR"
keys j Enter /
type_text x
keys Escape q
expect_exit 0
note "an empty catalog says where exercises come from, and keys are harmless"
