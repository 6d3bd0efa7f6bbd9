#!/usr/bin/env bash
# review smoke: a good catalog passes, each kind of breach fails its exercise
# with a message saying which, and every report format is well formed.
set -u
source "$(dirname "$0")/lib.sh"


no_raw_escape() {
	if grep -q $'\x1b' "$T/out"; then fail "raw ESC in smoke output ($*)"; fi
}

# Checks JUnit XML: suite counts, and each case's classname and name.
junit_is() {
	python3 - "$T/out" "$@" <<'EOF' || fail "JUnit: $*"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
tests, failed = int(sys.argv[2]), int(sys.argv[3])
suite = root.find("testsuite")
cases = suite.findall("testcase")
assert int(suite.get("tests")) == tests == len(cases), (suite.attrib, len(cases))
assert int(suite.get("failures")) == failed == sum(1 for c in cases if c.find("failure") is not None)
for expected in sys.argv[4:]:
    classname, name = expected.split("|", 1)
    assert any(c.get("classname") == classname and c.get("name") == name for c in cases), expected
EOF
}

# Checks TAP 13: version line, a plan that matches the numbered lines.
tap_is() {
	python3 - "$T/out" "$@" <<'EOF' || fail "TAP: $*"
import re, sys
lines = open(sys.argv[1]).read().splitlines()
tests, failed = int(sys.argv[2]), int(sys.argv[3])
assert lines[0] == "TAP version 13", lines[0]
assert lines[1] == "1..%d" % tests, lines[1]
results = [l for l in lines if re.match(r"(not )?ok \d+ - ", l)]
assert len(results) == tests, results
for n, line in enumerate(results, 1):
    assert re.match(r"(not )?ok %d - " % n, line), line
assert sum(l.startswith("not ok") for l in results) == failed, results
EOF
}

json_is() {
	python3 - "$T/out" "$@" <<'EOF' || fail "JSON: $*"
import json, sys
d = json.load(open(sys.argv[1]))
tests, failed = int(sys.argv[2]), int(sys.argv[3])
assert d["exercises"] == tests == len(d["results"]), d
assert d["failed"] == failed == sum(1 for r in d["results"] if not r["passed"]), d
for r in d["results"]:
    assert set(r) == {"path", "id", "title", "track", "passed", "failures", "guard"}, r
    if r["id"] is not None:
        g = r["guard"]
        assert set(g) == {"best_blind_answer", "best_blind_percent", "blind_answers_passing",
                          "random_percent"}, g
        # Worth 0 points: failed for that alone, so no blind answer is counted.
        assert (g["blind_answers_passing"] == 0) == (g["best_blind_percent"] < 70) or r["id"] == "zero", g
    assert r["passed"] == (r["failures"] == []), r
EOF
}

exercise() { # exercise FILE ID TRACK POINTS HINTS
	local hints="" i
	for ((i = 1; i <= $5; i++)); do hints="$hints\"hint $i\", "; done
	cat >"$1" <<EOF
---
id: $2
title: "Exercise $2"
track: $3
code: |
  int main(void)
  {
  	return 0;
  }
context: "Some *context* with \`code\`."
issues:
  - { id: d1, text: "a distractor", is_real: false, points: $4 }
  - { id: r1, text: "a bug", is_real: true, severity: bug, points: $4, explanation: "**Why**.", lines: 3 }
  - { id: d2, text: "another distractor", is_real: false, points: $4 }
  - { id: r2, text: "a nit", is_real: true, severity: minor, points: $4, lines: [1, 2] }
hints: [${hints%, }]
---
Review the \`main\` function.
EOF
}

# A good catalog: every check passes, in every format.
mkdir -p "$T/good/sub" "$T/good/.hidden"
exercise "$T/good/one.md" one alpha 3 2
exercise "$T/good/sub/two.md" two beta 1 12 # more hints than 10: the floor at 0
exercise "$T/good/.hidden/skip.md" skip alpha 0 0
run 0 smoke "$T/good"
out_has "ok   one Exercise one"
out_has "ok   two Exercise two"
out_has "2 exercises, 0 failed"
run 0 smoke "$T/good" --format junit
junit_is 2 0 "alpha|one Exercise one" "beta|two Exercise two"
run 0 smoke --format tap "$T/good"
tap_is 2 0
out_has "ok 1 - one Exercise one"
run 0 smoke --format json "$T/good"
json_is 2 0
# The default is the catalog: --exercises, then REVIEW_PATH.
run 0 --exercises "$T/good" smoke
out_has "2 exercises, 0 failed"
REVIEW_PATH="$T/good/sub" run 0 smoke --format tap
tap_is 1 0

# Breaches, each failing its exercise with a message saying which.
mkdir -p "$T/bad"
exercise "$T/bad/fine.md" fine gamma 2 1
exercise "$T/bad/zero.md" zero gamma 0 1
printf -- '---\ntitle: Broken\ncode: ""\nissues: []\n---\n' >"$T/bad/broken.md"
printf -- '---\ntitle: "No end\n' >"$T/bad/unclosed.md"
exercise "$T/bad/dup1.md" dup delta 1 0
exercise "$T/bad/dup2.md" dup delta 1 0
printf -- '---\nid: esc\ntitle: "Esc \\e[2J here"\ncode: "a\\eb"\nissues:\n  - { id: x, text: "\\e]0;t\\a", is_real: false }\n  - { id: y, text: "y", is_real: true, severity: bug, lines: 1 }\n---\n' >"$T/bad/esc.md"
# Guessable: the real candidate first, so "the first one real" passes.
cat >"$T/bad/guess.md" <<'EOF'
---
id: guess
title: "Guessable"
code: "x"
issues:
  - { id: r1, text: "real", is_real: true, severity: bug, points: 3, lines: 1 }
  - { id: d1, text: "not", is_real: false, points: 1 }
---
EOF
run 1 smoke "$T/bad"
out_has "ok   fine Exercise fine"
out_has "FAIL zero Exercise zero"
out_has "     the exercise is worth 0 points, so every answer passes"
out_has "FAIL $T/bad/broken.md"
out_has "     $T/bad/broken.md:3:7: error: "
out_has "FAIL $T/bad/unclosed.md"
out_has "     the id 'dup' is also used by $T/bad/dup2.md"
out_has "     the id 'dup' is also used by $T/bad/dup1.md"
out_has "ok   esc Esc ^[[2J here"
out_has "FAIL guess Guessable  (blind 100%, random 32%)"
out_has "     guessable: every candidate 'bug' scores 75%, at or above the 70% pass mark"
out_has "     guessable: the first 1 in file order 'bug', the rest 'not-real' scores 100%, at or above the 70% pass mark"
out_has "ok   fine Exercise fine  (blind 50%, random 30%)"
out_has "8 exercises, 6 failed"
no_raw_escape text
run 1 smoke "$T/bad" --format junit
junit_is 8 6 "gamma|fine Exercise fine" "gamma|zero Exercise zero" "delta|dup Exercise dup"
python3 - "$T/out" <<'EOF' || fail "JUnit failure message"
import sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
zero = [c for c in cases if c.get("name") == "zero Exercise zero"][0]
assert "worth 0 points" in zero.find("failure").get("message"), zero
cases = {c.get("name"): c for c in ET.parse(sys.argv[1]).getroot().iter("testcase")}
guess = cases["guess Guessable"]
assert "guessable: every candidate 'bug' scores 75%" in guess.find("failure").text, guess
assert "random answer 32%" in guess.find("system-out").text, guess.find("system-out").text
assert cases["fine Exercise fine"].find("system-out").text.startswith("best blind answer 50%")
EOF
no_raw_escape junit
run 1 smoke "$T/bad" --format tap
tap_is 8 6
out_has "not ok 8 - zero Exercise zero"
out_has "# best blind answer 100% (every candidate 'not-real'); random answer 100%"
out_has "    guessable: the first 1 in file order 'bug', the rest 'not-real' scores 100%, at or above the 70% pass mark"
no_raw_escape tap
run 1 smoke "$T/bad" --format json
json_is 8 6
python3 - "$T/out" <<'EOF' || fail "JSON failure messages"
import json, sys
results = {r["path"].rsplit("/", 1)[1]: r for r in json.load(open(sys.argv[1]))["results"]}
assert results["zero.md"]["failures"] == ["the exercise is worth 0 points, so every answer passes"]
assert results["broken.md"]["id"] is None and results["broken.md"]["failures"], results["broken.md"]
assert results["esc.md"]["title"] == "Esc \u001b[2J here", results["esc.md"]
assert results["fine.md"]["track"] == "gamma" and results["fine.md"]["passed"]
g = results["guess.md"]["guard"]
assert g["best_blind_percent"] == 100.0 and g["blind_answers_passing"] >= 2, g
assert g["random_percent"] == 32.5, g
assert any(f.startswith("guessable: every candidate 'bug' scores 75%") for f in results["guess.md"]["failures"])
assert results["broken.md"]["guard"] is None
EOF
no_raw_escape json
# Paths may name files and folders together.
run 1 smoke "$T/bad/fine.md" "$T/bad/zero.md" "$T/good"
out_has "4 exercises, 1 failed"

# Finding: a real candidate without lines cannot be found: an error in smoke
# (a warning in check) unless the exercise says `find: false`.
mkdir -p "$T/find"
cat >"$T/find/nolines.md" <<'EOF'
---
id: nolines
title: "No lines"
code: "a\nb"
issues:
  - { id: d1, text: "not", is_real: false, points: 2 }
  - { id: r1, text: "real", is_real: true, severity: bug, points: 1 }
  - { id: d2, text: "not", is_real: false, points: 2 }
  - { id: r2, text: "real", is_real: true, severity: minor, points: 2, lines: 2 }
---
EOF
sed -e 's/^id: nolines/id: optout/' -e 's/^title: "No lines"/title: "Opted out"\nfind: false/' \
	"$T/find/nolines.md" >"$T/find/optout.md"
run 1 smoke "$T/find"
out_has "FAIL nolines No lines"
out_has "     candidate 'r1' is real but has no lines, so the find phase cannot find it (add lines, or set 'find: false' for the exercise)"
out_has "ok   optout Opted out"
run 0 check "$T/find"
out_has "$T/find/nolines.md:7:5: warning: candidate 'r1' is real but has no lines"
run 1 check --strict "$T/find"

# An empty folder: nothing to fail.
mkdir -p "$T/empty"
run 0 smoke "$T/empty" --format tap
tap_is 0 0
grep -q "no exercise files found" "$T/err" || fail "no warning for an empty folder"

# Usage and input errors.
run 2 smoke "$T/nowhere"
grep -qF "$T/nowhere: error: no such file or folder" "$T/err" || fail "missing path not named"
run 2 smoke --format xml "$T/good"
grep -qF -- "--format takes text, json, junit, tap or github, not 'xml'" "$T/err" || fail "bad format"
run 2 smoke --bogus
run 0 smoke --help
grep -q "^usage: review smoke" "$T/out" || fail "--help prints no usage"

# The bundled catalog passes.
if [ -d "${SOURCE_DIR:-}/exercises" ]; then
	run 0 smoke "$SOURCE_DIR/exercises" --format junit
	python3 -c 'import sys, xml.etree.ElementTree as E; s = E.parse(sys.argv[1]).getroot()[0]; assert int(s.get("tests")) > 0 and s.get("failures") == "0"' "$T/out" ||
		fail "bundled catalog: $(grep -A2 '<failure' "$T/out" | head -5)"
fi

# Cases are spooled to a temporary file and written out at the end: without one
# ($TMPDIR missing) they stay in memory, with a note, and the output is the same.
for format in text json junit tap github; do
	run 1 smoke "$T/bad" --format "$format"
	mv "$T/out" "$T/spooled"
	TMPDIR="$T/nonexistent" run 1 smoke "$T/bad" --format "$format"
	cmp -s "$T/out" "$T/spooled" || fail "smoke --format $format differs without a temporary file"
	err_has "review smoke: note: no temporary file in $T/nonexistent"
done

# Duplicate ids far apart in a catalog larger than the window of cases in
# flight: the first file names the last, the last the first, the ones between pass.
mkdir -p "$T/far"
for ((n = 0; n < 300; n++)); do exercise "$(printf '%s/far/e%03d.md' "$T" "$n")" "far$n" omega 1 0; done
exercise "$T/far/e000.md" far delta 1 0
exercise "$T/far/e299.md" far delta 1 0
run 1 smoke "$T/far"
out_has "300 exercises, 2 failed"
python3 - "$T/out" "$T/far" <<'EOF2' || fail "smoke: duplicates far apart"
import sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == "FAIL far Exercise far  (blind 50%, random 30%)", lines[0]
assert lines[1] == "     the id 'far' is also used by %s/e299.md" % sys.argv[2], lines[1]
assert lines[2].startswith("ok   far1 Exercise far1"), lines[2]
assert lines[-3] == lines[0], lines[-3]
assert lines[-2] == "     the id 'far' is also used by %s/e000.md" % sys.argv[2], lines[-2]
cases = [l for l in lines if l.startswith(("ok", "FAIL"))]
assert [c.split()[1] for c in cases[1:-1]] == ["far%d" % n for n in range(1, 299)], cases[:5]
EOF2
run 1 check "$T/far"
out_has "$T/far/e299.md:2:5: error: duplicate exercise id 'far': $T/far/e000.md has it too"
out_has "300 files, 1 error, 0 warnings"

# A temporary file that cannot be written (here: larger than the file size
# limit) is an error before any output, not a report with cases missing.
(
	trap '' XFSZ
	ulimit -f 4
	run 2 smoke "$T/far" --format json
	exit "$failures"
) || fail "smoke with a temporary file that cannot be written"
[ -s "$T/out" ] && fail "smoke wrote output although its temporary file failed: $(head -c 200 "$T/out")"
err_has "review smoke: cannot write the temporary file: File too large"

finish
