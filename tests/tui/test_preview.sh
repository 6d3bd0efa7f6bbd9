#!/usr/bin/env bash
# `review preview` opens the exercise read-only with the key on every candidate,
# every hint and explanation, and the file's check diagnostics; an invalid file
# shows its diagnostics instead of failing.
. "$(dirname "$0")/lib.sh"

start 160 48 preview tpipe
wait_for "PREVIEW"
wait_for "Candidates with the answer key"
wait_line "1 \[  bug   \] Complete output mode"
wait_line "2 \[warning \] There is no watermark"
wait_line "5 \[ minor  \] current_timestamp"
wait_line "key: real, bug .*3 points .*line 12"
wait_line "key: real, warning .*3 points .*lines 9-10"
expect_screen "The result table grows without bound"
expect_screen "FIRSTHINT"
expect_screen "SECONDHINT"
expect_screen "THIRDHINT"
expect_screen "review check: 0 errors, 0 warnings"
wait_line "^ +12> *query = "
note "preview shows the key, the points, every hint and explanation, and the check result"

keys y 1 s h
keys j
wait_line "^ +9> *words = lines.select"
expect_screen "Candidates with the answer key"
refute_screen "Reveal hint"
refute_screen "Score"
note "preview is read-only: answering, hint and submit keys do nothing"

keys ']'
wait_for "A growable buffer"
expect_screen "PREVIEW"
wait_line "key: not real"
note "] previews the next exercise in catalog order"
keys q
expect_exit 0

for size in 80x24 160x48; do
	resize "${size%x*}" "${size#*x}"
	run_review preview "$TUI_DIR/files/warned.md"
	wait_for "review check: 0 errors, 1 warning"
	wait_line " /.*/files/warned.md *$"
	wait_line " 12:5 warning: unknown key 'severty'"
	wait_for "A file with a warning"
	tm capture-pane -e -p -t review | grep -qE $'\e\\[33m(\e\\[49m)? +12:5' ||
		fail "the warning is not yellow"
	keys q
	expect_exit 0
	note "$size: a warning shows under its path, in yellow"

	run_review preview "$TUI_DIR/files/broken.md"
	wait_for "PREVIEW: this file does not load"
	wait_for "review check: 1 error, 0 warnings"
	wait_line " 8:14 error: 'is_real' must be true or false"
	wait_line "^ +8 \|     is_real: maybe"
	wait_line "^ +\| {14}\^$"
	keys q
	expect_exit 0
	note "$size: a file that does not load shows the error, its line and a caret under column 14"
done

run_review preview no-such-exercise
wait_line "review preview: .*no-such-exercise"
expect_exit 2
run_review preview --watch --no-such-option
wait_for "unknown option '--no-such-option'"
expect_exit 2
note "an unknown EXERCISE or option is a usage error"

run_review preview
wait_for "review preview: 3 files, 0 with errors, 1 with warnings"
wait_line "^ +ok +basics/pipeline.md +Streaming word counts"
wait_line "^ +2 warnings +basics/buffer.md" # its code and a candidate hold an escape character
keys q
expect_exit 0
note "with no EXERCISE, preview lists the catalog's files"

# A check message wider than the pane wraps under itself: no word is cut off
# where its first line, after "2:8 error: ", would run past the pane.
printf -- '---\ntitle: "broken\n  id: [x\n---\n' >"$WORK/unclosed.md"
start 60 24 preview "$WORK/unclosed.md"
wait_for "PREVIEW: this file does not load"
wait_line "^   2:8 error: YAML syntax error: this quoted value is never$"
wait_line "^ {14}closed: end it with the same quote \(libyaml:$"
keys q
expect_exit 0
note "a long check message keeps every word at 60 columns"
