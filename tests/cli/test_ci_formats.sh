#!/usr/bin/env bash
# CI output: smoke --format github annotates each breach; check --format junit
# and tap carry warnings (system-out, `#` lines) even without --strict, while
# only --strict makes them failures.
set -u
source "$(dirname "$0")/lib.sh"
mkdir -p "$T/cat"
cp "$FIXTURES_DIR/class/cls1.md" "$T/cat/good.md"
cat >"$T/cat/zero.md" <<'EOF'
---
id: zero
title: "Worth, nothing"
code: "x"
issues:
  - { id: a, text: "a", is_real: true, severity: bug, points: 0, lines: 1 }
---
EOF
cat >"$T/cat/warn.md" <<'EOF'
---
id: warn
title: "Warned"
code: "x"
colour: red
issues:
  - { id: a, text: "a", is_real: true, severity: bug, lines: 1, severty: bug }
  - { id: b, text: "b", is_real: false, points: 2 }
---
EOF

run 1 smoke "$T/cat" --format github
out_has "::error file=$T/cat/zero.md,line=1,col=1,title=zero Worth%2C nothing::the exercise is worth 0 points, so every answer passes"
grep -q "good.md" "$T/out" && fail "a passing exercise was annotated"
grep -v '^::error ' "$T/out" | grep -q . && fail "github output has lines that are not workflow commands"
run 0 smoke "$T/cat/good.md" --format github
[ ! -s "$T/out" ] || fail "nothing to annotate, yet output: $(cat "$T/out")"
run 2 smoke --format xml "$T/cat"
err_has "--format takes text, json, junit, tap or github"

# Warnings in JUnit and TAP without --strict: passing cases that still say them.
run 0 check "$T/cat/warn.md" "$T/cat/good.md" --format junit
python3 - "$T/out" <<'EOF' || fail "JUnit does not carry the warnings"
import sys, xml.etree.ElementTree as ET
cases = {c.get("name").rsplit("/", 1)[1]: c for c in ET.parse(sys.argv[1]).getroot().iter("testcase")}
warn = cases["warn.md"]
assert warn.find("failure") is None, "a warning failed without --strict"
text = warn.find("system-out").text
assert "5:1: warning: unknown key 'colour'" in text and "7:65: warning: unknown key 'severty'" in text, text
assert cases["good.md"].find("system-out") is None
EOF
run 0 check "$T/cat/warn.md" --format tap
out_has "ok 1 - $T/cat/warn.md"
out_has "# 5:1: warning: unknown key 'colour'"
out_has "# 7:65: warning: unknown key 'severty'"
run 1 check "$T/cat/warn.md" --format tap --strict
out_has "not ok 1 - $T/cat/warn.md"
grep -q '^# ' "$T/out" && fail "with --strict the warnings are failures, not notes"
run 1 check "$T/cat/warn.md" --format junit --strict
python3 -c 'import sys, xml.etree.ElementTree as ET; c = next(ET.parse(sys.argv[1]).getroot().iter("testcase")); assert c.find("failure") is not None and c.find("system-out") is None' \
	"$T/out" || fail "--strict JUnit"

# check's JUnit and TAP list every file: the paths go to a temporary file, not
# memory; without one ($TMPDIR missing) they stay in memory, with a note, and the
# output is the same. A FIFO (reported, never read) is a case of its own, last.
mkfifo "$T/cat/pipe.md"
for format in junit tap; do
	run 1 check "$T/cat" --format "$format" --strict
	mv "$T/out" "$T/spooled"
	TMPDIR="$T/nonexistent" run 1 check "$T/cat" --format "$format" --strict
	cmp -s "$T/out" "$T/spooled" || fail "check --format $format differs without a temporary file"
	err_has "review check: note: no temporary file in $T/nonexistent"
done
grep -q "^1\.\.4$" "$T/spooled" || fail "TAP: not 4 cases: $(cat "$T/spooled")"
tail -n 5 "$T/spooled" | grep -q "^not ok 4 - $T/cat/pipe.md" || fail "TAP: the FIFO is not the last case: $(cat "$T/spooled")"
grep -q "^    error: not a regular file" "$T/spooled" || fail "TAP: a whole-file problem has no line: $(cat "$T/spooled")"
rm -f "$T/cat/pipe.md"
finish
