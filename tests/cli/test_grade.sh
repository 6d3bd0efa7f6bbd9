#!/usr/bin/env bash
# review grade: the worked example of the README, answers files (YAML, JSON,
# stdin), JSON output that parses back, exit codes, and bad answers named.
set -u
source "$(dirname "$0")/lib.sh"

last_line_is() {
	local got
	got=$(tail -n 1 "$T/out")
	[ "$got" = "$1" ] || fail "last line '$got', expected '$1'"
}


# The specimen's key: 12 points over five real candidates, three hints.
mkdir -p "$T/cat"
cat >"$T/cat/spec.md" <<'EOF'
---
title: "Worked example"
code: |
  a
  b
issues:
  - { id: i1, text: "one", is_real: true, severity: bug, points: 3, explanation: "Because **one**." }
  - { id: i2, text: "two", is_real: true, severity: warning, points: 3 }
  - { id: i3, text: "three", is_real: true, severity: warning, points: 2 }
  - { id: i4, text: "four", is_real: true, severity: bug, points: 3 }
  - { id: i5, text: "five", is_real: true, severity: minor, points: 1 }
hints: ["first", "second", "third"]
---
Find them.
EOF
cat >"$T/cat/distract.md" <<'EOF'
---
id: distract
title: "Distractor and escapes"
code: "x"
issues:
  - id: r1
    text: "real one"
    is_real: true
    severity: bug
    points: 2
    explanation: "ESC here: \e[31m and &#27;[2J"
  - id: d1
    text: "not real"
    is_real: false
---
EOF
cat >"$T/cat/zero.md" <<'EOF'
---
id: zero
title: "Worth nothing"
code: "x"
issues:
  - { id: z1, text: "z", is_real: true, severity: bug, points: 0 }
---
EOF
printf -- '---\ntitle: Broken\ncode: x\n---\n' >"$T/broken.md"
S="$T/cat/spec.md"
# File order, so the layout checks below can name places; the learner's order is tested at the end.
all_bug=(--order file --answer i1=bug --answer i2=bug --answer i3=bug --answer i4=bug --answer i5=bug)

# The worked example.
run 0 grade "$S" --answer i1=bug --answer i2=warning --answer i3=warning --answer i4=bug --answer i5=minor
last_line_is "12.0 / 12 (100%) passed"
run 1 grade "$S" "${all_bug[@]}"
last_line_is "8.0 / 12 (66%) failed"
grep -q "^2. i2  two$" "$T/out" || fail "no heading line for i2"
grep -q "pick: bug         key: warning    partly earned 1.2 of 3" "$T/out" || fail "no breakdown for i2"
grep -q "pick: bug         key: minor      partly earned 0.0 of 1" "$T/out" || fail "two steps away is partly right and earns nothing"
out_has "2 right · 3 partly · 0 wrong · 8.0 of 12 (66%), pass at 70%"
out_has "order: file"
grep -q "Because one." "$T/out" || fail "explanation not rendered from Markdown"
run 1 grade "$S" "${all_bug[@]}" --hints 1
last_line_is "6.8 / 12 (56%) failed"
grep -q "^hints: 1 revealed, -1.2" "$T/out" || fail "hint cost not shown"
out_has "2 right · 3 partly · 0 wrong · 8.0 earned − 1.2 for hints = 6.8 of 12 (56%), pass at 70%"
LC_ALL=C "$REVIEW_BIN" grade "$S" "${all_bug[@]}" --hints 1 >"$T/out" 2>&1
out_has "2 right - 3 partly - 0 wrong - 8.0 earned - 1.2 for hints = 6.8 of 12 (56%), pass at 70%"
run 1 grade "$S" --answer i1=not-real --answer i2=not-real --answer i3=not-real \
	--answer i4=not-real --answer i5=not-real
last_line_is "0.0 / 12 (0%) failed"
run 1 grade "$S" --order file --answer i1=real
last_line_is "0.6 / 12 (5%) failed"
grep -q "pick: unanswered  key: warning    wrong  earned 0.0 of 3" "$T/out" || fail "unanswered not shown"
# Hints never push the score below 0.
run 1 grade "$S" --answer i5=minor --hints 3
last_line_is "0.0 / 12 (0%) failed"

# Answers files: YAML, JSON, stdin; --hints overrides the file.
printf 'answers:\n  i1: bug\n  i2: warning\n  i3: warning\n  i4: bug\n  i5: minor\nhints: 2\n' >"$T/key.yaml"
run 0 grade "$S" --answers "$T/key.yaml"
last_line_is "9.6 / 12 (80%) passed"
run 0 grade "$S" --answers "$T/key.yaml" --hints 0
last_line_is "12.0 / 12 (100%) passed"
printf '{"answers": {"i1": "bug", "i2": "bug", "i3": "bug", "i4": "bug", "i5": "bug"}, "hints": 1}' >"$T/a.json"
run 1 grade "$S" --answers "$T/a.json"
last_line_is "6.8 / 12 (56%) failed"
"$REVIEW_BIN" grade "$S" --answers - <"$T/key.yaml" >"$T/out" 2>"$T/err" || fail "stdin answers: exit $?"
last_line_is "9.6 / 12 (80%) passed"

# The catalog finds the exercise by id or stem.
run 0 --exercises "$T/cat" grade distract --answer r1=bug --answer d1=not-real
last_line_is "3.0 / 3 (100%) passed"
run 1 grade spec --exercises "$T/cat" --answer i1=bug
last_line_is "3.0 / 12 (25%) failed"

# Untrusted text never reaches stdout raw.
run 0 --exercises "$T/cat" grade distract --answer r1=bug --answer d1=not-real
if grep -q $'\x1b' "$T/out"; then fail "raw ESC in grade output"; fi
grep -qF '^[[31m' "$T/out" || fail "ESC not shown as ^["

# Zero points: 100% and passed, by definition.
run 0 grade "$T/cat/zero.md" --answer z1=not-real
last_line_is "0.0 / 0 (100%) passed"

# JSON that parses back with the documented keys.
run 1 grade "$S" "${all_bug[@]}" --format json
python3 - "$T/out" <<'EOF' || fail "grade JSON (all bug)"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"exercise", "title", "score", "earned", "hint_cost", "max", "percent", "passed",
                  "pass_percent", "rule_version", "hints_used", "right", "partly", "wrong",
                  "order", "seed", "find", "issues"}, d
assert d["find"] is None, d
assert d["title"] == "Worked example" and d["score"] == 8.0 and d["max"] == 12, d
assert d["percent"] == 66.6 and d["passed"] is False and d["hints_used"] == 0, d
assert (d["right"], d["partly"], d["wrong"]) == (2, 3, 0), d
assert d["rule_version"] == 2 and d["pass_percent"] == 70 and d["earned"] == 8.0, d
assert d["order"] == "file" and d["seed"] is None, d
assert [i["id"] for i in d["issues"]] == ["i1", "i2", "i3", "i4", "i5"]
i2 = d["issues"][1]
assert i2 == {"position": 2, "id": "i2", "verdict": "real", "severity": "bug", "expected_real": True,
              "expected_severity": "warning", "points": 3, "earned": 1.2, "judgement": "partly",
              "found": None}, i2
EOF
run 1 --exercises "$T/cat" grade distract --order file --answer d1=minor --hints 0 --format json
python3 - "$T/out" <<'EOF' || fail "grade JSON (distractor)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["exercise"] == "distract" and d["score"] == 0.0 and d["passed"] is False, d
r1, d1 = d["issues"]
assert r1["verdict"] == "unanswered" and r1["severity"] is None and r1["earned"] == 0.0, r1
assert d1["verdict"] == "real" and d1["severity"] == "minor", d1
assert d1["expected_real"] is False and d1["expected_severity"] is None, d1
EOF
run 1 grade "$S" --answer i1=bug --hints 1 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["score"]==1.8 and d["percent"]==15.0 and d["hints_used"]==1 and d["hint_cost"]==1.2, d' "$T/out" ||
	fail "grade JSON percent"

# Bad answers: exit 2, the entry named with FILE:LINE:COL.
printf 'answers:\n  i1: bug\n  i9: bug\n  i2: bgu\nhints: 4\n' >"$T/bad.yaml"
run 2 grade "$S" --answers "$T/bad.yaml"
err_has "$T/bad.yaml:3:3: error: unknown candidate 'i9' (name one by its number as shown, 1 to 5, or by its id)"
err_lacks "i3, i4"  # the ids are not listed: their order is the author's
err_has "$T/bad.yaml:4:7: error: unknown verdict 'bgu' for 'i2'"
err_has "$T/bad.yaml:5:8: error: hints is 4 but the exercise has only 3 hints"
[ -s "$T/out" ] && fail "output despite bad answers"
printf 'answers:\n  i1: &v bug\n  i2: *v\n' >"$T/alias.yaml"
run 2 grade "$S" --answers "$T/alias.yaml"
err_has "$T/alias.yaml:3:7: error: aliases (*v) are not supported in answers files"
printf 'answers: {i1: bug' >"$T/syntax.json"
run 2 grade "$S" --answers "$T/syntax.json"
err_has "$T/syntax.json:1:18: error: YAML syntax error"
run 2 grade "$S" --answers "$T/missing.yaml"
err_has "$T/missing.yaml: error: cannot open"
run 2 grade "$S" --answer i9=bug
err_has "--answer: error: unknown candidate 'i9'"
run 2 grade "$S" --answer i1=fatal
err_has "unknown verdict 'fatal' for 'i1'"
run 2 grade "$S" --answer i1
err_has "'i1' is not ID=VERDICT"
run 2 grade "$S" --answer i1=bug --answer i1=minor
err_has "candidate 'i1' is answered twice"
run 2 grade "$S" --answer i1=bug --hints 4
err_has "--hints: error: hints is 4 but the exercise has only 3 hints"
run 2 grade "$S" --answer i1=bug --hints -1
err_has "hints must not be negative"
run 2 grade "$S" --answer i1=bug --hints two
err_has "hints must be a whole number, not 'two'"

# Usage errors.
run 2 grade --answer i1=bug
err_has "which EXERCISE?"
run 2 grade "$S"
err_has "give --answers FILE or --answer N=VERDICT"
run 2 grade "$S" --answers "$T/key.yaml" --answer i1=bug
err_has "use --answers or --answer, not both"
run 2 grade "$S" --answers "$T/key.yaml" --answers "$T/key.yaml"
err_has "--answers is given twice"
run 2 grade "$S" "$S" --answer i1=bug
err_has "one EXERCISE only"
run 2 grade "$S" --answer i1=bug --bogus
err_has "unknown option '--bogus'"
run 2 grade "$S" --answer i1=bug --format xml
err_has "--format takes text or json, not 'xml'"
run 2 --exercises "$T/cat" grade nosuch --answer i1=bug
run 2 grade "$T/broken.md" --answer i1=bug
err_has "broken.md"
run 0 grade --help
grep -q "^usage: review grade EXERCISE" "$T/out" || fail "--help prints no usage"

# The worked example on the reference specimen itself, when it is here.
SPECIMEN="${SOURCE_DIR:-.}/../shared/seeds/000_c33381872493133d.txt"
if [ -f "$SPECIMEN" ]; then
	run 1 grade "$SPECIMEN" "${all_bug[@]}"
	last_line_is "8.0 / 12 (66%) failed"
	run 1 grade "$SPECIMEN" "${all_bug[@]}" --hints 1
	last_line_is "6.8 / 12 (56%) failed"
fi

# Finding: --flag and flags: give the same find result, kept apart from the score.
cat >"$T/find.md" <<'EOF'
---
id: findme
title: "Finding"
code: |
  one
  two
  three
  four
  five
  six
issues:
  - { id: t1, text: "tempting", is_real: false, points: 2, lines: 2 }
  - { id: r1, text: "real one", is_real: true, severity: bug, points: 3, lines: "4-5" }
  - { id: r2, text: "real two", is_real: true, severity: minor, points: 1, lines: 6 }
---
EOF
run 1 grade "$T/find.md" --order file --answer r1=bug --flag 5 --flag 2:bug --flag 1
out_has "flags: 5 (hit) 2:bug (fell-for-it) 1 (false-alarm)"
out_has "finding: found 1 of 2 real problems (3 of 4 points' worth) on your own, 2 false alarms (1 on a tempting line)"
out_has "    found on your own"
out_has "    not found on your own"
out_has "1 right · 0 partly · 2 wrong · 3.0 of 6 (50%), pass at 70%"
cp "$T/out" "$T/flag.out"
printf 'answers: {r1: bug}\nflags: [5, "2:bug", 1]\n' >"$T/flags.yaml"
run 1 grade "$T/find.md" --order file --answers "$T/flags.yaml"
cmp -s "$T/out" "$T/flag.out" || fail "flags: in a file and --flag differ: $(diff "$T/out" "$T/flag.out")"
run 1 grade "$T/find.md" --answer r1=bug --flag 4-6:warning --format json
python3 - "$T/out" <<'EOF' || fail "grade JSON find"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["find"]
assert f["flags"] == [{"flag": "4-6:warning", "kind": "hit"}], f
assert (f["found"], f["real"], f["found_points"], f["real_points"]) == (2, 2, 4, 4), f
assert (f["false_alarms"], f["fell_for"], f["too_broad"], f["unfindable"]) == (0, 0, 0, 0), f
found = {i["id"]: i["found"] for i in d["issues"]}
assert found == {"t1": None, "r1": True, "r2": True}, found
assert d["score"] == 3.0, d
EOF
# Flagging everything names every line and so points at nothing: a flag finds a
# problem only when it is at most FIND_SLACK_LINES (2) lines longer than its range.
run 1 grade "$T/find.md" --answer r1=bug --flag 1-6 --flag 3-6
out_has "flags: 1-6 (too-broad) 3-6 (hit)"
out_has "    not found on your own: your flag was too broad"
out_has "finding: found 1 of 2 real problems (3 of 4 points' worth) on your own, 1 false alarm (1 too broad)"
run 1 grade "$T/find.md" --answer r1=bug --flag 1-6 --format json
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["find"]; assert (f["found"], f["false_alarms"], f["too_broad"], f["flags"][0]["kind"]) == (0, 1, 1, "too-broad"), f' "$T/out" ||
	fail "a flag over the whole code must find nothing"
run 1 grade "$T/find.md" --answer r1=bug --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["find"] is None and all(i["found"] is None for i in d["issues"]), d' "$T/out" ||
	fail "no find phase must give find: null"
run 2 grade "$T/find.md" --answer r1=bug --flag 7 --flag 5-4 --flag 3:fatal --flag 0
err_has "--flag: error: '7': line 7 is past the code's 6 lines"
err_has "--flag: error: '5-4': the range 5-4 runs backwards; write 4-5"
err_has "--flag: error: '3:fatal': unknown severity 'fatal' (bug, warning or minor)"
err_has "--flag: error: '0': code lines are numbered from 1, not 0"
printf 'answers: {r1: bug}\nflags:\n  - 3\n  - 9\n' >"$T/badflags.yaml"
run 2 grade "$T/find.md" --answers "$T/badflags.yaml"
err_has "$T/badflags.yaml:4:5: error: line 9 is past the code's 6 lines"

# The README's worked example, on the bundled q7x2: the table cannot drift from the file.
if [ -d "${SOURCE_DIR:-}/exercises" ]; then
	Q=(--exercises "$SOURCE_DIR/exercises" --no-save grade q7x2)
	key=(--answer i2=bug --answer i5=warning --answer i4=warning --answer i7=minor
		--answer i3=not-real --answer i1=not-real --answer i6=not-real)
	run 0 "${Q[@]}" "${key[@]}"
	last_line_is "17.0 / 17 (100%) passed"
	run 1 "${Q[@]}" --answer i2=bug --answer i5=bug --answer i4=bug --answer i3=bug \
		--answer i1=bug --answer i6=bug --answer i7=bug
	last_line_is "5.6 / 17 (32%) failed"
	run 1 "${Q[@]}" --answer i2=warning --answer i5=warning --answer i4=warning --answer i3=warning \
		--answer i1=warning --answer i6=warning --answer i7=warning
	last_line_is "6.0 / 17 (35%) failed"
	run 1 "${Q[@]}" --answer i2=not-real --answer i5=not-real --answer i4=not-real \
		--answer i3=not-real --answer i1=not-real --answer i6=not-real --answer i7=not-real
	last_line_is "8.0 / 17 (47%) failed"
	near=(--answer i2=bug --answer i5=warning --answer i4=bug --answer i7=minor
		--answer i3=bug --answer i1=not-real --answer i6=not-real)
	run 0 "${Q[@]}" "${near[@]}"
	last_line_is "12.8 / 17 (75%) passed"
	run 1 "${Q[@]}" "${near[@]}" --hints 1
	last_line_is "11.1 / 17 (65%) failed"
	run 0 "${Q[@]}" "${key[@]}" --hints 3
	last_line_is "11.9 / 17 (70%) passed"
fi

# The learner's order: drawn once per store and exercise, kept, new after a reset.
order_of() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["order"], " ".join(i["id"] for i in d["issues"]))' "$T/out"; }
run 1 grade "$S" --answer i1=bug --format json
first=$(order_of)
case "$first" in "shuffled "*) ;; *) fail "grade with a store is not in the learner's order: $first" ;; esac
for attempt in 1 2 3; do
	run 1 grade "$S" --answer i1=bug --format json
	[ "$(order_of)" = "$first" ] || fail "the learner's order changed between runs"
done
run 1 grade "$S" --answer i1=bug
out_has "order: shuffled (seed "
run 1 grade "$S" --answer i1=bug --state "$T/other.db" --format json
other=$(order_of)
run 1 grade "$S" --answer i1=bug --state "$T/other.db" --format json
[ "$(order_of)" = "$other" ] || fail "a second store's order is not stable"
run 1 grade "$S" --answer i1=bug --no-save --format json
[ "$(order_of)" = "file i1 i2 i3 i4 i5" ] || fail "--no-save is not file order: $(order_of)"
run 1 grade "$S" --answer i1=bug --seed 42 --format json
seeded=$(order_of)
run 1 grade "$S" --answer i1=bug --seed 42 --no-save --format json
[ "$(order_of)" = "$seeded" ] || fail "--seed 42 does not reproduce its order"
run 1 grade "$S" --answer i1=bug --no-save --order shuffled
out_has "order: shuffled (seed "
run 2 grade "$S" --answer i1=bug --seed 42 --order file
err_has "--seed shuffles; it cannot go with --order file"
run 2 grade "$S" --answer i1=bug --seed -3
err_has "--seed takes a whole number, not '-3'"
run 2 grade "$S" --answer i1=bug --order random
err_has "--order takes file or shuffled, not 'random'"
stem=$(basename "$S" .md)
echo y | "$REVIEW_BIN" --exercises "$T/cat" reset spec --yes >/dev/null 2>&1 || fail "reset failed"
run 1 grade "$S" --answer i1=bug --format json
# 5! orders: a redraw equals the old one 1 time in 120; try twice before calling it broken.
if [ "$(order_of)" = "$first" ]; then
	"$REVIEW_BIN" --exercises "$T/cat" reset spec --yes >/dev/null 2>&1
	run 1 grade "$S" --answer i1=bug --format json
	[ "$(order_of)" != "$first" ] || fail "reset did not draw a new order"
fi

# A candidate is named by its number in the order the learner was shown: the
# number `show` printed, in the same store's order (or --seed N, --order file).
numbers_of() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(str(i["position"]) + ":" + i["id"] for i in d["issues"]))' "$T/out"; }
run 0 --seed 7 show "$S" --key --format json
shown=$(numbers_of)
second_id=$(echo "$shown" | tr ' ' '\n' | sed -n 's/^2://p')
run 1 grade "$S" --seed 7 --answer 2=bug --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); \
named=[i for i in d["issues"] if i["verdict"] != "unanswered"]; \
assert [(i["position"], i["id"]) for i in named] == [(2, sys.argv[2])], named' "$T/out" "$second_id" \
	|| fail "--answer 2=bug did not name the second candidate shown ($shown)"
run 1 grade "$S" --order file --answer 2=warning
grep -q "^2. i2  two$" "$T/out" && out_has "pick: warning     key: warning    right" \
	|| fail "in file order, 2 is the second candidate of the file"
printf 'answers:\n  1: bug\n  "3": warning\n' >"$T/numbers.yaml"
run 1 grade "$S" --order file --answers "$T/numbers.yaml" --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); \
picks={i["id"]: i["severity"] for i in d["issues"] if i["verdict"] != "unanswered"}; \
assert picks == {"i1": "bug", "i3": "warning"}, picks' "$T/out" || fail "numbers in an answers file"
run 2 grade "$S" --answer 0=bug
err_has "unknown candidate '0' (name one by its number as shown, 1 to 5, or by its id)"
run 2 grade "$S" --answer 6=bug
err_has "unknown candidate '6'"
run 2 grade "$S" --answer 99999999999999999999=bug
err_has "unknown candidate '99999999999999999999'"
run 2 grade "$S" --order file --answer 1=bug --answer i1=minor
err_has "candidate 'i1' is answered twice"

# What a learner is shown names no id and no points: the ids are the author's
# labels and points rank the candidates; --key shows both.
run 0 --seed 7 show "$S"
out_lacks "[i1]"
grep -q "^ 1\. [a-z]*$" "$T/out" || fail "a candidate line is not its number and text"
run 0 --seed 7 show "$S" --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); \
assert all(set(i) == {"position", "text"} for i in d["issues"]), d["issues"]' "$T/out" \
	|| fail "show --format json tells a learner more than number and text"
run 0 --seed 7 show "$S" --key
out_has "[i1]"
out_has "3 points"

finish
