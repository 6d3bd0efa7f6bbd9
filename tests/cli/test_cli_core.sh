#!/usr/bin/env bash
# The headless verbs list, show and check, run as a user and a CI job would.
set -u
source "$(dirname "$0")/lib.sh"

CAT="$FIXTURES_DIR/catalog"
review() { "$REVIEW_BIN" --exercises "$CAT" "$@"; }

# --- help, version, usage errors
expect_exit 0 review --help
expect_out_contains "Verbs:" review --help
expect_exit 0 review --version
expect_out_contains "review 0." review --version
for verb in list show check grade smoke progress reset preview; do
	expect_exit 0 review "$verb" --help
	expect_out_contains "usage: review $verb" review help "$verb"
done
expect_exit 2 review frobnicate --json
expect_exit 2 review --bogus
expect_err_contains "unknown option '--bogus'" review --bogus
# One candidate, one point, one hint: singular words.
one_cat=$(mktemp -d)
printf -- '---\ntitle: One\ncode: x\nissues:\n  - { id: a, text: t, is_real: true, severity: bug, lines: 1 }\nhints: [h]\n---\n' >"$one_cat/one.md"
assert_contains "$("$REVIEW_BIN" --exercises "$one_cat" --no-save show one)" "1 candidate, 1 point, 1 hint"
rm -rf "$one_cat"
# A title wider than its column is cut with an ellipsis, never run into the next column.
long_cat=$(mktemp -d)
printf -- '---\ntitle: "%s"\ndifficulty: Hard\ncode: x\nissues:\n  - { id: a, text: t, is_real: true, severity: bug, lines: 1 }\n---\n' \
	"An exceedingly long title that goes on and on well past sixty columns of text" >"$long_cat/long.md"
out=$("$REVIEW_BIN" --exercises "$long_cat" list)
assert_contains "$out" "An exceedingly long title that goes on and on well past six… Hard"
out=$(LC_ALL=C "$REVIEW_BIN" --exercises "$long_cat" list)
assert_contains "$out" "An exceedingly long title that goes on and on well past six. Hard"
rm -rf "$long_cat"
expect_exit 2 review list --bogus
expect_err_contains "Try 'review list --help'" review list --bogus
expect_exit 2 review list --format xml
expect_exit 2 review list --track
expect_err_contains "needs a value" review list --track
expect_exit 2 review help nosuchverb
# A word that is not a verb opens an exercise, so a typo must say which is meant.
expect_exit 2 review lsit
expect_err_contains "unknown verb 'lsit' (did you mean 'list'?)" review lsit
expect_err_contains "'frobnicate' is neither a verb nor an exercise" review frobnicate
expect_err_contains "closest:" review q7x2x2 </dev/null
expect_err_contains "needs a terminal" review q7x2 </dev/null
expect_exit 2 review --color sometimes list

# --- list
expect_exit 0 review list
out=$(review list)
assert_contains "$out" "Exercise number 1"
assert_contains "$out" "q7x2"
assert_not_contains "$out" ".hidden"
[ "$(review list | wc -l)" -eq 5 ] || fail "list: header + 4 exercises expected"
# Order: no track first, then track-a by track_order (3, 2, 1).
order=$(review list | awk 'NR>1 {print $2, $3, $4}' | tr '\n' '|')
assert_contains "$order" "Explicit id -|Exercise number 3|Exercise number 2|Exercise number 1|"
review list --format json | python3 -c '
import json, sys
items = json.load(sys.stdin)
assert len(items) == 4, items
keys = {"id", "title", "path", "track", "track_level", "track_order", "difficulty", "language", "tags", "issues", "points"}
for item in items:
    assert set(item) == keys, item.keys()
one = [i for i in items if i["title"] == "Exercise number 1"][0]
assert one["issues"] == 2 and one["points"] == 3 and one["tags"] == ["t1", "common"], one
assert one["track_level"] == 1 and one["track_order"] == 3 and one["difficulty"] == "Easy"
' || fail "list --format json"
[ "$(review list --track track-a --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 3 ] || fail "list --track"
[ "$(review list --tag t2 --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] || fail "list --tag"
[ "$(review list --language sql --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] || fail "list --language"
[ "$(REVIEW_PATH="$CAT:$FIXTURES_DIR/hostile" "$REVIEW_BIN" list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 5 ] || fail "REVIEW_PATH with two folders"

expect_exit 2 "$REVIEW_BIN" --exercises "$T/no-such-folder" list
expect_err_contains "no-such-folder: error: no such file or folder" "$REVIEW_BIN" --exercises "$T/no-such-folder" list
expect_err_contains "1 problem in the catalog; \`review check\` shows it" "$REVIEW_BIN" --exercises "$CAT" --exercises "$FIXTURES_DIR/invalid/bad_id.md" list
expect_err_contains "1 problem in the catalog; \`review check\` shows it" "$REVIEW_BIN" --exercises "$CAT" --exercises "$FIXTURES_DIR/invalid/bad_id.md" progress

# --- show: lookup by id, prefix, stem and path
expect_exit 0 review show q7x2
expect_out_contains "Explicit id" review show q7x
expect_out_contains "Exercise number 2" review show ex2
expect_out_contains "Exercise number 3" review show "$CAT/track-a/ex3.md"
id1=$(review list --format json | python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i["title"].endswith("1")][0])')
expect_out_contains "Exercise number 1" review show "$id1"
expect_exit 2 review show nosuch
expect_err_contains "no exercise matches 'nosuch'" review show nosuch
mkdir -p "$T/empty"
expect_exit 2 "$REVIEW_BIN" --exercises "$T/empty" show q7x2
expect_err_contains "no exercise matches 'q7x2': the catalog is empty (give one with --exercises DIR or REVIEW_PATH)" "$REVIEW_BIN" --exercises "$T/empty" show q7x2
expect_err_contains "closest" review show q7x3
expect_exit 2 review show
expect_exit 2 review show a b
# Every derived id here starts differently, so a one-letter prefix of two
# exercises is needed for ambiguity: make a catalog where two ids share a start.
tmp=$T/ambiguous; mkdir -p "$tmp"
for n in aa1 aa2; do sed "s/Explicit id/Copy $n/; s/q7x2/$n/" "$CAT/explicit.md" > "$tmp/$n.md"; done
expect_exit 2 "$REVIEW_BIN" --exercises "$tmp" show aa
expect_err_contains "ambiguous" "$REVIEW_BIN" --exercises "$tmp" show aa
expect_exit 0 "$REVIEW_BIN" --exercises "$tmp" show aa2

# show output: sections, numbered code, --key
out=$(review show ex1 --width 60 --order file)
assert_contains "$out" "Task"
assert_contains "$out" "1  print(1)"
assert_contains "$out" " 1. prints 1"
assert_not_contains "$out" "[i1]"
assert_contains "$(review show ex1 --key --order file)" " 1. prints 1 [i1]"

# A candidate's text is Markdown, rendered and wrapped under its number as the
# terminal UI shows it; its control characters are made visible.
wrap=$(mktemp -d)
cat >"$wrap/w.md" <<'EOF'
---
id: wrap
title: "Wrapping"
code: "x = 1\n"
issues:
  - { id: i1, text: "The `load_routes` call frees the same block twice when a line has an \e[31m escape.", is_real: true, severity: bug, points: 3, lines: 1 }
  - { id: i2, text: "Fine", is_real: false, points: 3 }
---
EOF
out=$("$REVIEW_BIN" show "$wrap/w.md" --width 40 --order file --key)
assert_contains "$out" " 1. The load_routes call frees the same"
assert_contains "$out" "    block twice when a line has an"
assert_contains "$out" "    ^[[31m escape. [i1]"
assert_not_contains "$out" $'\x1b'
rm -rf "$wrap"
assert_not_contains "$out" "real, minor"
assert_contains "$(review show ex1 --key)" "real, minor"
assert_contains "$(review show ex1 --key)" "Look at print."
review show ex1 --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
for k in ("id", "path", "prompt", "title", "code", "issues", "hints", "language", "tags", "track", "track_level", "track_order", "difficulty", "context"):
    assert k in d, k
assert d["prompt"] == "Review it.\n", d["prompt"]  # the body as written
for c in d["issues"]:
    assert "is_real" not in c and "severity" not in c and "explanation" not in c, c
    assert "id" not in c and "points" not in c, c  # ids and weights would rank them
' || fail "show --format json hides the key"
review show ex1 --key --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
c = d["issues"][0]
assert c["is_real"] is True and c["severity"] == "minor" and c["lines"] == [[1, 1]] and c["points"] == 2, c
assert c["id"] == "i1", c
' || fail "show --key --format json"

# --- untrusted text never reaches the output raw
HOSTILE="$FIXTURES_DIR/hostile/escapes.md"
for args in "show $HOSTILE" "show $HOSTILE --key" "show $HOSTILE --key --format json" "show $HOSTILE --key --color=always"; do
	out=$(NO_COLOR= "$REVIEW_BIN" $args | LC_ALL=C tr -d '\n\t' | LC_ALL=C sed 's/\x1b\[[0-9;]*m//g')
	if printf '%s' "$out" | LC_ALL=C grep -q "[[:cntrl:]]"; then fail "raw control character in: review $args"; fi
	if printf '%s' "$out" | grep -q $'\u202e'; then fail "raw bidi override in: review $args"; fi
done
assert_contains "$("$REVIEW_BIN" show "$HOSTILE")" "<U+202E>"
assert_contains "$("$REVIEW_BIN" show "$HOSTILE")" "^[[31m"
"$REVIEW_BIN" show "$HOSTILE" --key --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "\x1b" in d["title"]' || fail "JSON keeps the text, escaped"

# --- colour: never on a pipe, never with NO_COLOR, always when asked
assert_not_contains "$(review show ex1)" $'\x1b'
assert_contains "$(NO_COLOR= review --color=always show ex1)" $'\x1b['
assert_not_contains "$(NO_COLOR=1 review --color=always show ex1)" $'\x1b'

# --- check
expect_exit 0 review check
expect_out_contains "4 files, 0 errors, 0 warnings" review check
expect_exit 1 "$REVIEW_BIN" check "$FIXTURES_DIR/invalid"
expect_exit 0 "$REVIEW_BIN" check "$FIXTURES_DIR/invalid/unknown_keys.md"
expect_exit 1 "$REVIEW_BIN" check --strict "$FIXTURES_DIR/invalid/unknown_keys.md"
expect_out_contains "unknown_keys.md:14:5: warning: unknown key 'severty' (did you mean 'severity'?)" "$REVIEW_BIN" check "$FIXTURES_DIR/invalid/unknown_keys.md"
expect_out_contains "1 file, 0 errors, 3 warnings" "$REVIEW_BIN" check "$FIXTURES_DIR/invalid/unknown_keys.md"
expect_exit 2 "$REVIEW_BIN" check /nonexistent/folder
expect_exit 2 "$REVIEW_BIN" --exercises /nonexistent/catalog check
expect_exit 2 env REVIEW_PATH=/nonexistent/a:/nonexistent/b "$REVIEW_BIN" check
expect_exit 2 "$REVIEW_BIN" check --format yaml
expect_out_contains "bad_severity.md:11:15: error: 'severity' must be bug, warning or minor, not 'critical'" "$REVIEW_BIN" check "$FIXTURES_DIR/invalid"
# duplicate ids across files name both
cp "$CAT/explicit.md" "$tmp/dup.md"; cp "$CAT/explicit.md" "$tmp/dup2.md"
out=$("$REVIEW_BIN" check "$tmp/dup.md" "$tmp/dup2.md")
assert_contains "$out" "dup2.md:2:5: error: duplicate exercise id 'q7x2': $tmp/dup.md has it too"
"$REVIEW_BIN" check --format json "$FIXTURES_DIR/invalid" | python3 -c '
import json, sys
items = json.load(sys.stdin)
assert len(items) >= 40
for d in items:
    assert set(d) == {"file", "line", "column", "level", "message"}, d
assert any(d["level"] == "warning" for d in items)
' || fail "check --format json"
"$REVIEW_BIN" check --format junit "$FIXTURES_DIR/invalid" "$CAT" | python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.stdin).getroot()
suite = root.find("testsuite")
cases = suite.findall("testcase")
failures = [c for c in cases if c.find("failure") is not None]
files = int(sys.argv[1])
assert int(suite.get("tests")) == len(cases) == files, (len(cases), files)
# every invalid fixture fails but those with warnings only, and no catalog file does
assert int(suite.get("failures")) == len(failures) == files - 6, len(failures)
' "$(find "$FIXTURES_DIR/invalid" "$CAT" -name "*.md" ! -path "*/.*" | wc -l)" || fail "check --format junit"
tap=$("$REVIEW_BIN" check --format tap "$FIXTURES_DIR/invalid")
assert_contains "$tap" "TAP version 13"
plan=$(printf '%s\n' "$tap" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p')
[ "$plan" = "$(printf '%s\n' "$tap" | grep -cE '^(not )?ok [0-9]+ ')" ] || fail "TAP plan does not match its lines"
gh=$("$REVIEW_BIN" check --format github "$FIXTURES_DIR/invalid/bad_severity.md" "$FIXTURES_DIR/invalid/unknown_keys.md")
assert_contains "$gh" "::error file=$FIXTURES_DIR/invalid/bad_severity.md,line=11,col=15::'severity' must be bug"
assert_contains "$gh" "::warning file=$FIXTURES_DIR/invalid/unknown_keys.md,line=7,col=1::unknown key"
# the escape fixture's own diagnostics stay clean too
bad=$(mktemp -d); printf -- '---\ntitle: [\e[31m\n---\n' > "$bad/esc.md"
out=$("$REVIEW_BIN" check "$bad" 2>&1); rm -rf "$bad"
if printf '%s' "$out" | LC_ALL=C tr -d '\n' | LC_ALL=C grep -q "[[:cntrl:]]"; then fail "raw control character in check output"; fi

finish
