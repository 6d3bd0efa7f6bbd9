#!/usr/bin/env bash
# `review preview --watch` follows its file as an editor saves it: by writing a
# temporary file and renaming it over (as vim does), with the selection and the
# scroll positions kept; a broken save shows the file's errors and the next good
# one recovers; the file deleted then created again is survived. E opens the
# editor at the first error's line, then reloads; `review preview FOLDER` lists
# every file with its status, and follows them too.
. "$(dirname "$0")/lib.sh"

EX="$WORK/ex"
mkdir -p "$EX"
cp "$CATALOG/basics/pipeline.md" "$EX/pipeline.md"
ORIGINAL="$WORK/pipeline.orig"
cp "$EX/pipeline.md" "$ORIGINAL"

# save FILE: stdin becomes FILE through a temporary file renamed over it.
save() {
	cat >"$EX/.$1.swp-tmp" && mv -f "$EX/.$1.swp-tmp" "$EX/$1"
}

start 160 48 preview --watch "$EX/pipeline.md"
wait_for "Candidates with the answer key"
keys j j
wait_line "> +3 \[warning \] The socket source"
saved_at=$(date +%s%N)
sed 's/There is no watermark/WATERMARK-EDITED/' "$ORIGINAL" | save pipeline.md
wait_for "WATERMARK-EDITED"
echo "timing [$TEST_NAME]: the save showed $((($(date +%s%N) - saved_at) / 1000000)) ms later (tmux polled every 50 ms)"
wait_line "> +3 \[warning \] The socket source"
note "a save by rename shows at once, the selection kept on the same candidate"

# The selection follows the candidate's id, not its place: c3 moves first.
awk '/^  - id: c1$/ { hold = 1 } hold && /^  - id: c3$/ { hold = 0 }
     hold { held = held $0 "\n"; next } { print } /^    explanation: "A socket source/ { printf "%s", held }' \
	"$ORIGINAL" | save pipeline.md
wait_line "> +1 \[warning \] The socket source"
note "the selection stays on its candidate (by id) when candidates move"

# A broken save shows the file's error; the next good save recovers.
sed '0,/is_real: true/s//is_real: maybe/' "$ORIGINAL" | save pipeline.md
wait_for "PREVIEW: this file does not load"
wait_line " 30:14 error: 'is_real' must be true or false"
save pipeline.md <"$ORIGINAL"
wait_for "Candidates with the answer key"
wait_gone "does not load"
wait_line "> +3 \[warning \] The socket source"
note "a broken save shows its error, the next good save recovers (selection kept)"

rm "$EX/pipeline.md"
wait_for "PREVIEW: this file does not load"
cp "$ORIGINAL" "$EX/pipeline.md"
wait_for "Candidates with the answer key"
wait_gone "does not load"
note "the file deleted, then created again, is survived"

# A burst of saves: the last one shows.
for n in 1 2 3 4 5; do
	sed "s/There is no watermark/BURST-$n/" "$ORIGINAL" | save pipeline.md
done
wait_for "BURST-5"
note "a burst of saves ends on the last one"

keys p
wait_for "The find phase as a learner sees it"
wait_gone "Candidates with the answer key"
sed 's/^  query.awaitTermination()$/  query.awaitTermination()  # FIND-KEPT/' "$ORIGINAL" | save pipeline.md
wait_for "FIND-KEPT"
refute_screen "Candidates with the answer key"
keys p
wait_for "Candidates with the answer key"
keys q
expect_exit 0
note "the find phase preview (p) stays the find phase across a save"

# The scroll positions and the focus are kept too.
cp "$ORIGINAL" "$EX/pipeline.md"
start 80 24 preview --watch "$EX/pipeline.md"
wait_for "Candidates with the answer key"
keys Tab
wait_footer "/ search"
keys j j j j j
wait_line "Code \(13 lines\) +10-13 of 13"
sed 's/There is no watermark/SCROLL-KEPT/' "$ORIGINAL" | save pipeline.md
wait_for "SCROLL-KEPT"
wait_line "Code \(13 lines\) +10-13 of 13"
wait_footer "/ search"
note "80x24: the code pane's scroll and the focus are kept across a save"
type_text "/sel"
wait_footer "/sel"
sed 's/There is no watermark/PROMPT-KEPT/' "$ORIGINAL" | save pipeline.md
wait_for "PROMPT-KEPT"
wait_footer "/sel"
keys Escape
wait_footer "/ search"
note "a search being typed goes on across a save"
resize 100 30
wait_line "^ Streaming word counts .* 12 points$"
sed 's/There is no watermark/AFTER-RESIZE/' "$ORIGINAL" | save pipeline.md
wait_for "AFTER-RESIZE"
keys q
expect_exit 0
note "a resize while watching redraws, and the next save still shows"

# E: the editor at the first error's line, with the terminal handed over (it
# reads a line), then the file reloaded, without --watch.
cat >"$WORK/editor.sh" <<'SCRIPT'
#!/bin/sh
printf 'EDITING %s AT %s\n' "$(basename "$2")" "$1"
read -r answer
printf 'TYPED:%s\n' "$answer"
sed 's/is_real: maybe/is_real: true/; s/There is no watermark/EDITOR-WAS-HERE/' "$2" >"$2.new" && mv "$2.new" "$2"
SCRIPT
chmod +x "$WORK/editor.sh"
sed '0,/is_real: true/s//is_real: maybe/' "$ORIGINAL" | save pipeline.md
open_pane 160 48
run_review "EDITOR=$WORK/editor.sh" preview "$EX/pipeline.md"
wait_for "PREVIEW: this file does not load"
keys E
wait_for "EDITING pipeline.md AT +30"
type_text "typed-in-editor"
keys Enter
wait_for "EDITOR-WAS-HERE"
wait_gone "does not load"
keys q
expect_exit 0
expect_terminal_restored
note "E opens \$EDITOR at the first error's line on the terminal, then reloads the file"

open_pane 160 48
run_review "VISUAL=$WORK/no-such-editor" "EDITOR=$WORK/editor.sh" preview "$EX/pipeline.md"
wait_for "Candidates with the answer key"
keys E
wait_for "failed: not found"
wait_for "Candidates with the answer key"
keys q
expect_exit 0
run_review preview "$EX/pipeline.md"
wait_for "Candidates with the answer key"
keys E
wait_for "Set VISUAL or EDITOR"
keys q
expect_exit 0
note "\$VISUAL comes first; an editor that is missing or unset is said in the footer"

# review preview FOLDER: every file with its status; Enter previews, q comes back.
DIR="$WORK/folder"
mkdir -p "$DIR/sub"
cp "$ORIGINAL" "$DIR/pipeline.md"
cp "$TUI_DIR/files/broken.md" "$DIR/broken.md"
cp "$TUI_DIR/files/warned.md" "$DIR/sub/warned.md"
cat >"$WORK/fix.sh" <<'SCRIPT'
#!/bin/sh
echo "$1 $(basename "$2")" >>"${2%/*}/../fixed-with"
sed 's/is_real: maybe/is_real: false/' "$2" >"$2.new" && mv "$2.new" "$2"
SCRIPT
chmod +x "$WORK/fix.sh"
open_pane 120 30
run_review "EDITOR=$WORK/fix.sh" preview --watch "$DIR"
wait_for "review preview: 3 files, 1 with errors, 1 with warnings"
wait_line "^ +1 error +broken.md$"
wait_line "^ +ok +pipeline.md +Streaming word counts"
wait_line "^ +1 warning +sub/warned.md +A file with a warning"
keys j
keys Enter
wait_for "Candidates with the answer key"
keys Escape
wait_for "review preview: 3 files"
keys Enter
wait_for "Candidates with the answer key"
keys q
wait_for "review preview: 3 files"
keys g Enter
wait_for "PREVIEW: this file does not load"
keys q
wait_for "review preview: 3 files"
note "the folder lists every file with its status; Enter previews, q comes back"

keys g E
wait_line "^ +ok +broken.md +A file with an error"
[ "$(cat "$WORK/fixed-with")" = "+8 broken.md" ] || fail "the editor got: $(cat "$WORK/fixed-with")"
note "E on the list edits the selected file at its first error, and its row follows"

sed '0,/is_real: true/s//is_real: maybe/' "$ORIGINAL" >"$DIR/pipeline.tmp" && mv "$DIR/pipeline.tmp" "$DIR/pipeline.md"
wait_line "^ +1 error +pipeline.md$"
cp "$ORIGINAL" "$DIR/sub/added.md"
wait_for "review preview: 4 files, 1 with errors, 1 with warnings"
rm "$DIR/pipeline.md"
wait_for "review preview: 3 files"
keys q
expect_exit 0
note "with --watch the list follows: a broken save, a new file, a deleted one"

# check --watch in a pipe: each change prints a new report, no screen clearing.
OUT="$WORK/check.out"
timeout 60 "$REVIEW_BIN" check --watch "$EX/pipeline.md" >"$OUT" 2>&1 &
CHECK_PID=$!
reports() { [ "$(grep -c "^1 file, $1 error" "$OUT")" -ge "$2" ]; }
save pipeline.md <"$ORIGINAL"
poll_until "the first report" reports 0 1
sed '0,/is_real: true/s//is_real: maybe/' "$ORIGINAL" | save pipeline.md
poll_until "the report of the broken save" reports 1 1
grep -qF "pipeline.md:30:14: error: 'is_real' must be true or false" "$OUT" || fail "no error in: $(cat "$OUT")"
save pipeline.md <"$ORIGINAL"
poll_until "the report of the good save" reports 0 2
kill "$CHECK_PID"
wait "$CHECK_PID" 2>/dev/null
! grep -q $'\e' "$OUT" || fail "check --watch cleared the screen in a pipe"
note "check --watch reports again at each save, in a pipe without clearing"

# check --watch on a terminal: each report replaces the last; Ctrl-C stops it.
save pipeline.md <"$ORIGINAL"
open_pane 100 30
run_review check --watch "$EX/pipeline.md"
wait_for "1 file, 0 errors, 0 warnings"
sed '0,/is_real: true/s//is_real: maybe/' "$ORIGINAL" | save pipeline.md
wait_for "1 file, 1 error, 0 warnings"
wait_gone "1 file, 0 errors"
keys C-c
wait_shell
expect_shell_usable
note "check --watch on a terminal clears before each report and stops at Ctrl-C"
