#!/usr/bin/env bash
# The find phase at 80x24: the exercise opens on the code with the candidates
# hidden; two lines and a range are flagged, survive quit and reopen; e shows
# the candidates with the flags in the gutter; the results say what was found,
# what was a false alarm and what fell for a tempting line, and the gutter shows
# flags against the key. F skips finding from now on; --no-find skips it once.
. "$(dirname "$0")/lib.sh"

CATALOG="$WORK/find-catalog"
mkdir -p "$CATALOG"
cat >"$CATALOG/ledger.md" <<'EXERCISE'
---
id: tfind
title: "Ledger totals"
language: python
code: |
  def total(entries):
      result = 0
      for entry in entries:
          if entry.kind == "credit":
              result += entry.amount
          elif entry.kind == "debit":
              result -= entry.amount
      return round(result, 2)

  def report(entries):
      print("total", total(entries))
issues:
  - { id: r1, text: "Money is summed as binary floats", is_real: true, severity: bug, points: 4, lines: 5-7 }
  - { id: t1, text: "round() here uses banker's rounding and corrupts totals", is_real: false, points: 3, lines: 8 }
  - { id: r2, text: "Unknown kinds are silently ignored", is_real: true, severity: warning, points: 2, lines: 4 }
  - { id: t2, text: "The loop variable shadows a builtin", is_real: false, points: 2, lines: 3 }
---
Review this function.
EXERCISE

open_pane 80 24
FIND_ARGS="" run_review tfind
wait_for "FIND: flag lines, e to judge"
wait_for "Your flags: 0"
refute_screen "Money is summed"
note "the exercise opens on the find phase with the candidates hidden"

# Line 5 (a hit), line 8 (the tempting round), and the range 10-11 (nothing there).
keys j j j j f
wait_for "! line 5"
keys j j j 2
wait_for "! line 8"
keys j j v j f
wait_for "! lines 10-11"
wait_for "Your flags: 3"
wait_line "^  5!"
note "two lines and a range are flagged, listed and marked in the gutter"

keys q
expect_exit 0
FIND_ARGS="" run_review tfind
wait_for "Your flags: 3"
wait_for "! line 8"
note "the flags are back after quitting and reopening"

keys e
wait_for "Candidates: 0 of 4 answered"
wait_for "JUDGE"
wait_line "^  5!"
note "e ends the phase: the candidates show and the flags stay in the gutter"

keys 1 j n j 2 j n s
wait_for "Passed: "
wait_for "you found 1 of 2"
wait_for "2 false alarms"
wait_for "you did not flag it"
wait_for "you found it"
wait_for "Finding: found 1 of 2 real problems (4 of 6 points' worth)"
wait_for "(1 on a tempting line)"
wait_line "^  5\*"
note "the results say what was found, the false alarms and the tempting line; the gutter shows flags on the key (*)"

keys q
expect_exit 0
env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" progress >"$WORK/progress.txt"
grep -q "found 1 of 2 real problems on your own (50%), and 1 of your 3 flags pointed at one" "$WORK/progress.txt" ||
	fail "review progress lacks the find rate: $(cat "$WORK/progress.txt")"
note "review progress shows the find rate"

# L shows the last results with that attempt's flags, not the new attempt's.
FIND_ARGS="" run_review tfind
wait_for "FIND: flag lines, e to judge"
wait_for "Your flags: 0"
keys L
wait_for "The results of your last attempt"
wait_for "Results · you found 1 of 2 · 2 false alarms"
wait_for "you found it"
keys r
wait_for "Back to your answers."
wait_for "Your flags: 0"
keys q
expect_exit 0
note "L shows the last attempt's results with its flags; r comes back to the new attempt's"

# A fresh attempt opens on finding again; F skips it and is remembered.
FIND_ARGS="" run_review tfind
wait_for "FIND: flag lines, e to judge"
keys F
wait_for "Finding is off"
wait_for "Candidates: 0 of 4 answered"
keys q
expect_exit 0
FIND_ARGS="" run_review tfind
wait_for "Candidates: 0 of 4 answered"
refute_screen "FIND:"
keys q
expect_exit 0
note "F skips the phase and the store remembers it"

# The skipped attempt is judging now; a reset starts afresh.
env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" reset tfind --yes >/dev/null ||
	fail "reset failed"
FIND_ARGS="--find" run_review tfind
wait_for "FIND: flag lines, e to judge"
keys q
expect_exit 0
FIND_ARGS="--no-find" run_review tfind
wait_for "Candidates: 0 of 4 answered"
refute_screen "FIND:"
keys q
expect_exit 0
note "--find turns the phase back on and --no-find starts on the candidates"

# A range over the whole function names every line, and so finds nothing.
env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" reset tfind --yes >/dev/null ||
	fail "reset failed"
FIND_ARGS="--find" run_review tfind
wait_for "FIND: flag lines, e to judge"
keys v G f
wait_for "! lines 1-11"
keys e
wait_for "Candidates: 0 of 4 answered"
keys 1 j n j 2 j n s
wait_for "you found 0 of 2"
wait_for "your flag was too broad to find it"
wait_for "(1 too broad)"
keys q
expect_exit 0
note "a flag over the whole function is too broad: it finds nothing, and the results say why"

# An author's preview shows the find phase as a learner sees it, the key's real
# lines flagged, and takes no flags.
open_pane 100 30
run_review preview tfind
wait_for "Candidates with the answer key"
keys p
wait_for "PREVIEW of FIND"
wait_for "Your flags: 2"
wait_for "! line 4 · warning"
refute_screen "Money is summed"
keys f x
expect_screen "Your flags: 2"
wait_for "! lines 5-7 · bug"
keys p
wait_for "Candidates with the answer key"
keys q
expect_exit 0
note "preview shows the find phase as a learner would, with the key's lines marked, read-only"
