#!/usr/bin/env bash
# L with no attempt names the keys that work from where the learner is. The
# find phase says what a range being marked waits for (f flags it, v or Esc
# drops it, and a drop is said aloud), and its cursor, the line f flags, is on
# screen after a fresh attempt even when the results had scrolled the code away;
# e with no flag is the skip; review progress says when a find phase flagged
# no line.
. "$(dirname "$0")/lib.sh"

CATALOG="$WORK/find-catalog"
mkdir -p "$CATALOG"
{
	printf -- '---\nid: tfcur\ntitle: "Long ledger"\nlanguage: python\ncode: |\n'
	for n in $(seq 1 36); do printf '  value_%02d = %d\n' "$n" "$n"; done
	printf '  print(value_36 / 0)\n'
	printf 'issues:\n'
	printf '  - { id: r1, text: "Divides by zero", is_real: true, severity: bug, points: 4, lines: 37 }\n'
	printf '  - { id: t1, text: "The first value is unused", is_real: false, points: 2, lines: 1 }\n'
	printf -- '---\nReview this script.\n'
} >"$CATALOG/long.md"

open_pane 80 24
FIND_ARGS="" run_review tfcur
wait_for "FIND: flag lines, e to judge"
keys L
wait_for "No attempt at this exercise is saved yet: e to judge, then s submits one."
note "L with no attempt yet, while finding, names the keys that work from there"

keys j j v j j
wait_for "Code: marking lines 3-5"
expect_screen "f or 1/2/3 flags them, Esc drops"
keys v
wait_for "Range dropped, nothing flagged"
wait_for "Code: flag what you would raise"
expect_screen "Your flags: 0"
note "a range being marked names its lines and what ends it; v again drops it and says so"

keys v j f
wait_for "! lines 5-6"
note "f flags the range"

# Flag the real line at the bottom, judge, submit: the results scroll the code to line 37.
keys G f e
wait_for "Candidates: 0 of 2 answered"
keys 1 j n s
wait_for "Passed: "
wait_line "^ 37"
keys r
wait_for "A fresh attempt"
wait_for "line 1 of 37"
wait_line "^> 1 "
keys f
wait_for "! line 1"
wait_line "^> 1!"
note "after a fresh attempt the cursor (line 1) is on screen, and f flags the line shown"
keys q
expect_exit 0

run_review --no-save tfcur
wait_for "Candidates: 0 of 2 answered"
keys L
wait_for "No attempt is kept with --no-save: there are no last results to show."
keys q
expect_exit 0
note "L under --no-save says nothing is kept, not that s would save one"

# e with nothing flagged is the skip the help promises: no find result in the
# results or the store (it read "you found 0 of 1").
env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" reset tfcur --yes >/dev/null ||
	fail "reset failed"
FIND_ARGS="--find" run_review tfcur
wait_for "FIND: flag lines, e to judge"
keys e
wait_for "No lines flagged, finding skipped: judge the candidates."
keys 1 j n s
wait_for "Passed: "
wait_for "Results per candidate"
refute_screen "you found"
refute_screen "Finding:"
keys q
expect_exit 0
FIND_ARGS="" run_review tfcur
wait_for "Candidates: 0 of 2 answered"
refute_screen "FIND:"
keys L
wait_for "Results per candidate"
refute_screen "you found"
keys q
expect_exit 0
env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" progress >"$WORK/progress.txt"
grep -q "real problems on your own" "$WORK/progress.txt" &&
	fail "a skipped find phase counts in review progress: $(tail -1 "$WORK/progress.txt")"
note "e with no flag skips finding: no find result in the results, on L, or in review progress"

# A find phase that flagged nothing (flags: [] in an answers file) says so.
printf 'answers: {r1: bug, t1: not-real}\nflags: []\n' >"$WORK/answers.yaml"
env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" grade tfcur --answers "$WORK/answers.yaml" \
	--save >/dev/null || fail "grade --save failed"
env XDG_STATE_HOME="$WORK/state" "$REVIEW_BIN" --exercises "$CATALOG" progress >"$WORK/progress.txt"
grep -q "found 0 of 1 real problems on your own (0%): you flagged no line" "$WORK/progress.txt" ||
	fail "review progress with no flag: $(tail -1 "$WORK/progress.txt")"
note "review progress says no line was flagged rather than '0 of your 0 flags'"
