#!/usr/bin/env bash
# review export and review import: a store's attempts as versioned JSON, merged
# into another store without loss or duplicates; export, import into an empty
# store and export again gives the same attempts; a bad file is FILE:LINE:COL,
# exit 2, and imports nothing.
set -u
source "$(dirname "$0")/lib.sh"
cat_dir=$FIXTURES_DIR/class
r() { run "$1" --exercises "$cat_dir" --state "$2" "${@:3}"; }
same_attempts() { # FILE FILE: equal but for exported_at
	python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for e in (a, b):
    assert e.pop("exported_at").endswith("Z")
    # attempts of the same second may come in another order: compare as lists sorted
    e["attempts"].sort(key=lambda x: json.dumps(x, sort_keys=True))
sys.exit(0 if a == b else 1)
PY
}

# Learner ann: three attempts, one with a find phase, one with hints.
r 1 "$T/ann.db" grade cls1 --answer r1=bug --answer d1=warning --flag 2 --flag 5 --save
r 0 "$T/ann.db" grade cls1 --answer r1=bug --answer r2=warning --answer d1=not-real \
	--answer d2=not-real --hints 1 --save
r 1 "$T/ann.db" grade cls1 --answer r1=real --flag 1-6:minor --save
r 0 "$T/ann.db" export --learner ann --output "$T/ann.json"
[ ! -s "$T/out" ] || fail "export --output also wrote to stdout"
python3 - "$T/ann.json" <<'PY' || fail "the export is not as documented"
import json, sys
e = json.load(open(sys.argv[1]))
assert e["format"] == "review-export" and e["version"] == 1 and e["learner"] == "ann", e
keys = ["exercise_id", "content_hash", "rule_version", "started_at", "submitted_at", "hints",
        "score_tenths", "max", "passed", "picks", "flags", "find"]
assert [list(a) for a in e["attempts"]] == [keys] * 3, e
a = e["attempts"]
assert a[0]["picks"] == {"d1": "warning", "r1": "bug"} and a[0]["flags"] == ["2", "5"], a[0]
assert a[1]["hints"] == 1 and a[1]["flags"] is None and a[1]["find"] is None, a[1]
assert a[2]["picks"] == {"r1": "real"} and a[2]["flags"] == ["1-6:minor"], a[2]
# A flag over the whole code points at nothing: it is a false alarm, found 0.
assert a[2]["find"]["found"] == 0 and a[2]["find"]["false_alarms"] == 1, a[2]
PY

# Round trip: into an empty store, and out again, equal.
r 0 "$T/copy.db" import "$T/ann.json"
out_has "$T/ann.json: 3 added, 0 already there"
r 0 "$T/copy.db" export --learner ann
cp "$T/out" "$T/copy.json"
same_attempts "$T/ann.json" "$T/copy.json" || fail "export, import, export is not a round trip"
r 0 "$T/copy.db" progress --format json
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["exercises"][0]; assert e["attempts"]==3 and e["passed"], e' \
	"$T/out" || fail "imported attempts do not count in progress"

# Importing again adds nothing; a merge adds only what is new, keeping both sides.
r 0 "$T/copy.db" import "$T/ann.json" "$T/ann.json"
out_has "0 attempts added, 6 already there"
r 1 "$T/laptop.db" grade cls1 --answer d2=not-real --save
r 0 "$T/laptop.db" import "$T/ann.json"
out_has "3 added, 0 already there"
r 0 "$T/laptop.db" export --learner ann --output "$T/laptop.json"
r 0 "$T/copy.db" import "$T/laptop.json"
out_has "1 added, 3 already there"
r 0 "$T/copy.db" export --learner ann --output "$T/merged.json"
same_attempts "$T/laptop.json" "$T/merged.json" || fail "the merge lost or doubled an attempt"

# The same answers in another order are the same attempt.
python3 - "$T/ann.json" "$T/reordered.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
for a in e["attempts"]:
    a["picks"] = dict(reversed(list(a["picks"].items())))
json.dump(e, open(sys.argv[2], "w"))
PY
r 0 "$T/copy.db" import "$T/reordered.json"
out_has "0 added, 3 already there"

# Attempts from schema 1 (no start time, no hash) and ids with ';' '=' '%' survive.
cat >"$T/old.json" <<'JSON'
{"format": "review-export", "version": 1, "learner": null, "exported_at": "2020-01-01T00:00:00Z",
 "attempts": [{"exercise_id": "gone", "content_hash": "", "rule_version": 1, "started_at": null,
   "submitted_at": "2020-01-01T00:00:00Z", "hints": 0, "score_tenths": 5, "max": 1, "passed": true,
   "picks": {"a;b=c%d": "minor", "e f": "not-real"}, "flags": null, "find": null},
  {"exercise_id": "gone", "content_hash": "", "rule_version": 1, "started_at": null,
   "submitted_at": "2020-01-01T00:00:00Z", "hints": 0, "score_tenths": 0, "max": 1, "passed": false,
   "picks": {}, "flags": [], "find": {"found": 0, "findable": 0, "found_points": 0,
   "findable_points": 0, "false_alarms": 0, "fell_for": 0}}]}
JSON
r 0 "$T/old.db" import "$T/old.json"
out_has "2 added, 0 already there"
r 0 "$T/old.db" import "$T/old.json" # nothing answered, nothing flagged: still the same attempt
out_has "0 added, 2 already there"
r 0 "$T/old.db" export --learner x
python3 - "$T/out" <<'PY' || fail "an old attempt did not round-trip"
import json, sys
a, empty = json.load(open(sys.argv[1]))["attempts"]
assert empty["picks"] == {} and empty["flags"] == [] and empty["find"]["found"] == 0, empty
assert a["started_at"] is None and a["content_hash"] == "" and a["rule_version"] == 1, a
assert a["submitted_at"] == "2020-01-01T00:00:00Z", a
assert a["picks"] == {"a;b=c%d": "minor", "e f": "not-real"}, a
PY

# Bad files: every problem at its line and column, exit 2, nothing imported.
cat >"$T/bad.json" <<'JSON'
{"format": "review-export", "version": 1, "learner": "x", "exported_at": "2020-01-01T00:00:00Z",
 "attempts": [{"exercise_id": "cls1", "content_hash": "", "rule_version": 2, "started_at": null,
   "submitted_at": "yesterday", "hints": -1, "score_tenths": 5, "max": 1, "passed": "yes",
   "picks": {"r1": "maybe"}, "flags": ["0"], "find": {"found": 1}},
  {"exercise_id": "cls1", "content_hash": "", "rule_version": 2, "started_at": null,
   "submitted_at": "2020-01-01T00:00:00Z", "hints": 0, "score_tenths": 5, "max": 1, "passed": true,
   "picks": {}, "flags": null, "find": {"found": 1}}]}
JSON
r 2 "$T/bad.db" import "$T/ann.json" "$T/bad.json"
err_has "bad.json:3:20: error: 'submitted_at' must be a time like"
err_has "bad.json:3:42: error: 'hints' must be a whole number of at least 0"
err_has "bad.json:3:85: error: 'passed' must be true or false"
err_has "bad.json:4:20: error: a pick must be not-real, real, bug, warning or minor, not maybe"
err_has "bad.json:4:40: error: a flag is a string \"L\", \"L-M\" or either with :SEVERITY: "
err_has "bad.json:4:54: error: missing key 'findable'"
err_has "bad.json:5:3: error: 'flags' and 'find' are both null"
printf '{"format": "review-export", "version": 1,\n "attempts": [\n' >"$T/cut.json"
r 2 "$T/bad.db" import "$T/cut.json"
err_has "cut.json:3:1: error:"
printf '{"format": "review-export", "version": 9, "learner": null, "attempts": []}' >"$T/new.json"
r 2 "$T/bad.db" import "$T/new.json"
err_has "new.json:1:40: error: version 9 is newer than this review reads (1): update review"
printf '[1, 2]\n' >"$T/list.json"
r 2 "$T/bad.db" import "$T/list.json"
err_has "list.json:1:1: error: expected an export of review"
r 2 "$T/bad.db" import "$T/missing.json"
err_has "missing.json: error: cannot open"
r 1 "$T/bad.db" grade cls1 --answer r1=bug --format json
cp "$T/out" "$T/grade.json"
r 2 "$T/bad.db" import "$T/grade.json"
err_has "grade.json:1:1: error: this is a review grade result, not an export"
r 0 "$T/bad.db" export --learner x
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["attempts"] == []' "$T/out" ||
	fail "a failed import wrote something"

# Exporting reads only: no store yet is an empty export and creates nothing; a
# read-only store is exported; importing into one is refused.
r 0 "$T/none/state.db" export --learner x
err_has "there is no progress store yet"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["attempts"] == []' "$T/out" || fail "empty export"
[ ! -e "$T/none" ] || fail "export created a store"
mkdir -p "$T/ro"
cp "$T/ann.db" "$T/ro/ann.db"
chmod 0444 "$T/ro/ann.db"
chmod 0555 "$T/ro"
r 0 "$T/ro/ann.db" export --learner ann
python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))["attempts"]) == 3' "$T/out" ||
	fail "a read-only store was not exported"
if [ "$(id -u)" != 0 ]; then
	r 2 "$T/ro/ann.db" import "$T/old.json"
	err_has "review import: error:"
fi
chmod 0755 "$T/ro"
r 2 /dev/null/x/state.db import "$T/old.json"
err_has "review import: error:"

# Usage errors.
r 2 "$T/bad.db" import
err_has "which FILE?"
r 2 "$T/bad.db" export --bogus
err_has "unknown option '--bogus'"
r 2 "$T/bad.db" export extra
r 2 "$T/bad.db" export --learner ""
run 2 --no-save export
err_has "--no-save"
r 2 "$T/bad.db" export --output /dev/null/x.json
err_has "cannot write /dev/null/x.json"
run 0 export --help
out_has "usage: review export"
run 0 import --help
out_has "usage: review import"
finish
