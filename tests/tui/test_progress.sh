#!/usr/bin/env bash
# Nothing answered is lost to quitting: picks come back on reopen, a revealed
# hint stays revealed and charged, and the catalog shows where the learner stands.
. "$(dirname "$0")/lib.sh"

open_pane 80 24

run_review tpipe
wait_for "Candidates: 0 of 5 answered"
keys 1 j j n
wait_for "Candidates: 2 of 5 answered"
keys q
expect_exit 0
run_review tpipe
wait_for "Candidates: 2 of 5 answered"
wait_for "Your answers from last time are back."
wait_line "1 \[  bug   \] Complete output"
wait_line "3 \[not real\] The socket source"
wait_line "2 \[   \?    \] There is no watermark"
note "two marked candidates are marked again after quit and reopen"

keys h
wait_for "Reveal hint 1 of 3?"
keys y
wait_for "FIRSTHINT"
keys C-c
expect_exit 130
run_review tpipe
wait_for "hints 1/3"
wait_for "FIRSTHINT"
wait_for "Hints: 1 of 3 revealed, -1.2 points"
keys h
wait_for "SECONDHINT"
refute_screen "Reveal hint"
note "a revealed hint is still shown and charged after Ctrl-C and reopen"

keys q
expect_exit 0
run_review
wait_line "tpipe +Streaming word counts .* in progress"
wait_line "tbuf +A growable buffer .* new"
expect_screen "0/2 passed"
note "the catalog shows the exercise in progress"

keys Enter
wait_for "hints 2/3"
keys 1 j 2 j 2 j 1 j 3 s
wait_for "Passed: 9.6 of 12 (80%), pass at 70%"
keys q
wait_line "tpipe +Streaming word counts .* passed 80%"
expect_screen "1/2 passed"
note "after a passing attempt the catalog shows passed 80% and the track 1/2 passed"

keys j Enter
wait_for "A growable buffer"
keys n s
wait_for "Unanswered (no points)"
keys y
wait_for "0.0 of 4 (0%), pass at 70%"
keys q
wait_line "tbuf +A growable buffer .* failed 0%"
keys k Enter
wait_for "Candidates: 0 of 5 answered"
wait_for "Best so far: passed 80% in 1 attempt. This is a fresh attempt."
expect_screen "hints 0/3"
note "a failed attempt shows failed 0%; a submitted exercise reopens as a fresh attempt"
keys q q
expect_exit 0

run_review --no-save tbuf
wait_for "A growable buffer"
keys y
wait_for "Candidates: 1 of 3 answered"
keys q
expect_exit 0
run_review tbuf
wait_for "Candidates: 0 of 3 answered"
keys q
expect_exit 0
note "--no-save keeps nothing"

# A store that cannot be written, and a damaged one: a warning, and the session goes on.
touch "$WORK/not-a-folder"
run_review XDG_STATE_HOME="$WORK/not-a-folder/state"
wait_for "progress is not being saved"
wait_for "review: 3 exercises"
keys Enter
wait_for "Candidates: 0 of 5 answered"
keys y
wait_for "Candidates: 1 of 5 answered"
keys q q
expect_exit 0
note "an unwritable state folder: a warning, and answering still works"

# A file that is not a store (random bytes): refused and left untouched, and the
# footer keeps saying that saving is off after other keys.
mkdir -p "$WORK/foreign/review"
head -c 4096 /dev/urandom >"$WORK/foreign/review/state.db"
cp "$WORK/foreign/review/state.db" "$WORK/foreign.before"
run_review XDG_STATE_HOME="$WORK/foreign" tbuf
wait_for "it was left untouched"
wait_for "A growable buffer"
keys y
wait_for "Candidates: 1 of 3 answered"
wait_for "Saving is off"
keys q
expect_exit 0
cmp -s "$WORK/foreign/review/state.db" "$WORK/foreign.before" || fail "a file that is not a store was changed"
[ "$(ls -A "$WORK/foreign/review" | wc -l)" = 1 ] || fail "files created next to it: $(ls -A "$WORK/foreign/review")"
note "a file that is not a store: left untouched, and saving is off says so after every key"

# A damaged store of ours: the first page of a real one, then garbage.
mkdir -p "$WORK/damaged/review"
{ head -c 4096 "$WORK/state/review/state.db"; printf 'garbage'; } >"$WORK/damaged/review/state.db"
run_review XDG_STATE_HOME="$WORK/damaged" tbuf
wait_for "corrupt"
wait_for "A growable buffer"
keys y
wait_for "Candidates: 1 of 3 answered"
keys q
expect_exit 0
ls "$WORK/damaged/review" | grep -q "state.db.corrupt-" || fail "the damaged store was not moved aside"
run_review XDG_STATE_HOME="$WORK/damaged" tbuf
wait_for "Candidates: 1 of 3 answered"
keys q
expect_exit 0
note "a damaged store: a warning, moved aside, and a fresh store keeps the new answers"

# A store another process keeps locked when the TUI starts, for longer than any
# open waits (10 s): the saved progress shows all the same, the footer says
# saving is off for now, and the first key after the lock is gone opens the store
# for saving again.
rm -f "$WORK/locked"
python3 - "$WORK/state/review/state.db" "$WORK/locked" <<'EOF' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(12)
db.execute("COMMIT")
EOF
locker=$!
poll_until "the lock to be taken" test -e "$WORK/locked"
run_review
WAIT_SECONDS=25 wait_for "Saving is off for now"
wait_line "tbuf +A growable buffer .* (passed|failed) [0-9]+%"
wait "$locker"
keys j
wait_gone "Saving is off"
keys q
expect_exit 0
run_review tbuf
wait_for "Candidates: 0 of 3 answered"
keys y
wait_for "Candidates: 1 of 3 answered"
keys q
expect_exit 0
run_review tbuf
wait_for "Candidates: 1 of 3 answered"
keys q
expect_exit 0
note "a store busy at start: progress shown, saving off for now, saving again at the next key"

# A file that changed since the draft: `changed` in the catalog, the picks of the
# candidates that still exist kept, and a word about it.
cp -r "$CATALOG" "$WORK/catalog"
CATALOG="$WORK/catalog"
run_review XDG_STATE_HOME="$WORK/changes" tpipe
wait_for "Candidates: 0 of 5 answered"
keys 1 j 2
wait_for "Candidates: 2 of 5 answered"
keys q
expect_exit 0
sed -i 's/Complete output mode rewrites every count on each trigger/Complete mode rewrites every count/' \
	"$CATALOG/basics/pipeline.md"
run_review XDG_STATE_HOME="$WORK/changes"
wait_line "tpipe +Streaming word counts .* changed"
keys Enter
wait_for "This exercise changed since you last worked on it"
wait_line "1 \[  bug   \] Complete mode rewrites every count"
wait_line "2 \[warning \] There is no watermark"
keys q q
expect_exit 0
note "a changed file shows as changed, and its draft's picks come back"
