#!/usr/bin/env bash
# review grade --save records the attempt in the progress store as the terminal
# UI does (with the find phase when flags were given); without --save nothing is
# written; a store that cannot take the attempt is an error, not a lost result.
set -u
source "$(dirname "$0")/lib.sh"
cat_dir=$FIXTURES_DIR/class
attempts() { # the number of attempts progress shows for cls1
	"$REVIEW_BIN" --exercises "$cat_dir" --state "$1" progress --format json |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["exercises"][0]["attempts"])'
}

run 0 --exercises "$cat_dir" --state "$T/a.db" grade cls1 --answer r1=bug --answer r2=warning \
	--answer d1=not-real --answer d2=not-real
[ "$(attempts "$T/a.db")" = 0 ] || fail "grade without --save recorded an attempt"

run 1 --exercises "$cat_dir" --state "$T/a.db" grade cls1 --answer r1=bug --flag 2 --flag 5:bug --save
out_has "finding: found 1 of 2"
[ "$(attempts "$T/a.db")" = 1 ] || fail "grade --save did not record the attempt"
run 0 --exercises "$cat_dir" --state "$T/a.db" grade cls1 --answer r1=bug --answer r2=warning \
	--answer d1=not-real --answer d2=not-real --hints 1 --save --format json
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" || fail "--save changed the JSON"
[ "$(attempts "$T/a.db")" = 2 ] || fail "the second attempt is missing"
run 0 --exercises "$cat_dir" --state "$T/a.db" progress
out_has "passed"

# What was saved is what the TUI saves: picks, hints, flags and the find result.
run 0 --exercises "$cat_dir" --state "$T/a.db" export --learner ann
python3 - "$T/out" <<'PY' || fail "the saved attempts are not as graded"
import json, sys
e = json.load(open(sys.argv[1]))
first, second = e["attempts"]
assert first["picks"] == {"r1": "bug"}, first
assert first["flags"] == ["2", "5:bug"], first
assert first["find"] == {"found": 1, "findable": 2, "found_points": 3, "findable_points": 5,
                         "false_alarms": 1, "fell_for": 1}, first
assert first["passed"] is False and first["score_tenths"] == 30 and first["max"] == 10, first
assert second["hints"] == 1 and second["passed"] is True and second["score_tenths"] == 90, second
assert second["flags"] is None and second["find"] is None, second
assert second["rule_version"] == 2 and len(second["content_hash"]) == 16, second
PY

# Begun in the terminal UI (a draft), graded here: the attempt starts when the
# draft did, as the UI records it, and the draft is gone.
python3 - "$T/a.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO draft(exercise_id, content_hash, answers, hints_revealed, started_at, updated_at)"
           " VALUES('cls1', '', 'r1=bug', 0, 1000000000, 1000000000)")
db.commit()
PY
run 1 --exercises "$cat_dir" --state "$T/a.db" grade cls1 --answer r1=bug --save
run 0 --exercises "$cat_dir" --state "$T/a.db" export --learner ann
python3 - "$T/out" "$T/a.db" <<'PY' || fail "the draft's start was not kept"
import json, sqlite3, sys
a = json.load(open(sys.argv[1]))["attempts"][-1]
assert a["started_at"] == "2001-09-09T01:46:40Z", a
assert a["submitted_at"] > a["started_at"], a
assert sqlite3.connect(sys.argv[2]).execute("SELECT count(*) FROM draft").fetchone()[0] == 0
PY

# Errors: --save with --no-save; a store that cannot be created loses nothing silently.
run 2 --exercises "$cat_dir" --no-save grade cls1 --answer r1=bug --save
err_has "--save and --no-save"
run 2 --exercises "$cat_dir" --state /dev/null/x/state.db grade cls1 --answer r1=bug --save
err_has "review grade:"
[ ! -s "$T/out" ] || fail "a grade that could not be saved still printed a result"
finish
