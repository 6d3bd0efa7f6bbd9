#!/usr/bin/env bash
# review report over a class of 30 learners with a known answer pattern, each
# made through review grade --save in their own store and exported: the
# report's figures are the pattern's, in text, JSON and CSV.
set -u
source "$(dirname "$0")/lib.sh"
cat_dir=$FIXTURES_DIR/class
mkdir -p "$T/class"

# Learner n (1..30) of cls1 (d1 distractor 3 points, r1 bug 3, d2 distractor 2,
# r2 warning 2; lines: r1 2, r2 4, d1 5):
#   r1: bug for n <= 20, warning for 21..25, not-real for 26..30
#   r2: warning for n <= 10, bug for the others
#   d1: not-real for n <= 12, bug for the others (it fools 18)
#   d2: not-real for n <= 27, minor for the others
#   one hint when n is a multiple of 3 (10 learners)
#   find phase for n <= 15: flags 2 and 5 for n <= 9, flag 4 for 10..15
# Learner 30 then makes a perfect second attempt, which must not count.
pick() { if [ "$1" -le "$2" ]; then echo "$3"; elif [ "$1" -le "$4" ]; then echo "$5"; else echo "$6"; fi; }
for n in $(seq 1 30); do
	args=(--answer "r1=$(pick "$n" 20 bug 25 warning not-real)"
		--answer "r2=$(pick "$n" 10 warning 30 bug bug)"
		--answer "d1=$(pick "$n" 12 not-real 30 bug bug)"
		--answer "d2=$(pick "$n" 27 not-real 30 minor minor)")
	[ $((n % 3)) -eq 0 ] && args+=(--hints 1)
	if [ "$n" -le 9 ]; then args+=(--flag 2 --flag 5); elif [ "$n" -le 15 ]; then args+=(--flag 4); fi
	"$REVIEW_BIN" --exercises "$cat_dir" --state "$T/s$n.db" grade cls1 "${args[@]}" --save >/dev/null
	[ $? -le 1 ] || fail "grade --save for learner $n"
done
"$REVIEW_BIN" --exercises "$cat_dir" --state "$T/s30.db" grade cls1 --answer r1=bug --answer r2=warning \
	--answer d1=not-real --answer d2=not-real --save >/dev/null || fail "the second attempt"
for n in $(seq 1 30); do
	run 0 --exercises "$cat_dir" --state "$T/s$n.db" export --learner "learner$n" --output "$T/class/l$n.json"
done

run 0 --exercises "$cat_dir" report --format json "$T"/class/*.json
python3 - "$T/out" <<'PY' || fail "the JSON report's figures"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["learners"] == 30 and r["files"] == 30, r
(e,) = r["exercises"]
assert e["id"] == "cls1" and e["learners"] == 30, e
assert e["passed"] == 12, e["passed"]
assert e["hint_learners"] == 10 and e["hints_total"] == 10, e
assert e["find_learners"] == 15 and e["changed"] == 0, e
assert e["fooled_most"] == "d1", e
c = {x["id"]: x for x in e["candidates"]}
assert [x["id"] for x in e["candidates"]] == ["d1", "r1", "d2", "r2"]
def check(id, key, right, partly, wrong, found, **said):
    x = c[id]
    got = (x["key"], x["right"], x["partly"], x["wrong"], x["found"])
    assert got == (key, right, partly, wrong, found), (id, got)
    full = {"bug": 0, "warning": 0, "minor": 0, "real": 0, "not-real": 0, "unanswered": 0}
    full.update({k.replace("_", "-"): v for k, v in said.items()})
    assert x["said"] == full, (id, x["said"])
check("r1", "bug", 20, 5, 5, 9, bug=20, warning=5, not_real=5)
check("r2", "warning", 10, 20, 0, 6, warning=10, bug=20)
check("d1", "not-real", 12, 0, 18, None, not_real=12, bug=18)
check("d2", "not-real", 27, 0, 3, None, not_real=27, minor=3)
zero = {"bug": 0, "warning": 0, "minor": 0, "real": 0, "not-real": 0, "unanswered": 0}
assert e["confusion"] == {"bug": dict(zero, bug=20, warning=5, **{"not-real": 5}),
                          "warning": dict(zero, bug=20, warning=10), "minor": zero}, e["confusion"]
PY

LC_ALL=C run 0 --exercises "$cat_dir" report "$T"/class/*.json
out_has "30 learners, 30 files"
out_has "30 learners, 12 passed on their first attempt; hints used by 10 (10 in all); find phase by 15"
out_has "  d1         not-real     12      0    18       -  ########............  40%"
out_has "  r1         bug          20      5     5    9/15  #############.......  66%"
out_has "  d2         not-real     27      0     3       -  ##################..  90%"
out_has "  r2         warning      10     20     0    6/15  #######.............  33%"
out_has "    bug             20          5          0          0          5          0"
out_has "    warning         20         10          0          0          0          0"
out_has "  fooled most: d1, called real by 18 of 30: Logging the key leaks secrets"
LC_ALL=C.UTF-8 run 0 --exercises "$cat_dir" report "$T/class/l1.json"
out_has "████████████████████ 100%"
out_has "1 learner, 1 file"
out_has "  1 learner, "

run 0 --exercises "$cat_dir" report --format csv "$T"/class/*.json
out_has "exercise,candidate,key,learners,right,partly,wrong,said_bug,said_warning,said_minor,said_real,said_not-real,said_unanswered,found,find_learners,hint_learners,fooled_most"
out_has '"cls1","d1",not-real,30,12,0,18,18,0,0,0,12,0,,15,10,yes'
out_has '"cls1","r1",bug,30,20,5,5,20,5,0,0,5,0,9,15,10,no'
python3 -c 'import csv,sys; rows=list(csv.DictReader(open(sys.argv[1]))); assert len(rows)==4 and rows[3]["right"]=="10", rows' \
	"$T/out" || fail "the CSV does not parse back"

# The same learner in two files counts once; grade JSON results are learners too.
run 0 --exercises "$cat_dir" report --format json "$T/class/l1.json" "$T/class/l1.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["learners"]==1 and r["exercises"][0]["learners"]==1, r' \
	"$T/out" || fail "one learner twice counted twice"
"$REVIEW_BIN" --exercises "$cat_dir" --no-save grade cls1 --answer r1=bug --answer d1=warning --flag 2 \
	--format json >"$T/g1.json"
"$REVIEW_BIN" --exercises "$cat_dir" --no-save grade cls1 --answer r1=minor --format json >"$T/g2.json"
run 0 --exercises "$cat_dir" report --format json "$T/g1.json" "$T/g2.json"
python3 - "$T/out" <<'PY' || fail "grade results in a report"
import json, sys
r = json.load(open(sys.argv[1]))
(e,) = r["exercises"]
c = {x["id"]: x for x in e["candidates"]}
assert r["learners"] == 2 and e["learners"] == 2 and e["find_learners"] == 1, e
assert (c["r1"]["right"], c["r1"]["partly"], c["r1"]["found"]) == (1, 1, 1), c["r1"]
assert c["d1"]["said"]["warning"] == 1 and e["fooled_most"] == "d1", c["d1"]
assert c["r2"]["said"]["unanswered"] == 2 and c["r2"]["wrong"] == 2, c["r2"]
PY

# An exercise not in the catalog is left out with a warning; bad files are errors.
cat >"$T/gone.json" <<'JSON'
{"format": "review-export", "version": 1, "learner": "x", "exported_at": "2020-01-01T00:00:00Z",
 "attempts": [{"exercise_id": "gone", "content_hash": "", "rule_version": 2, "started_at": null,
   "submitted_at": "2020-01-01T00:00:00Z", "hints": 0, "score_tenths": 5, "max": 1, "passed": true,
   "picks": {}, "flags": null, "find": null}]}
JSON
run 0 --exercises "$cat_dir" report "$T/gone.json"
err_has "exercise 'gone' is not in the catalog (or does not load): its 1 attempt is left out"
printf '{"format": "review-export", "version": 1, "attempts": [3]}\n' >"$T/bad.json"
run 2 --exercises "$cat_dir" report "$T/bad.json" "$T/class/l1.json"
err_has "bad.json:1:1: error: missing key 'learner'"
err_has "bad.json:1:56: error: an attempt must be an object, not"
[ ! -s "$T/out" ] || fail "a report was printed despite a bad file"
# An export cut short (a copy interrupted) is called JSON and said to end early.
head -c 40 "$T/class/l1.json" >"$T/cut.json"
run 2 --exercises "$cat_dir" report "$T/cut.json"
err_has "cut.json:"
err_has "error: JSON syntax error: "
err_has "; the file ends first: is it cut short?"
run 2 report
err_has "which FILES?"
run 2 report --format xml "$T/gone.json"
err_has "--format takes text, json or csv"
run 0 report --help
out_has "usage: review report"
finish
