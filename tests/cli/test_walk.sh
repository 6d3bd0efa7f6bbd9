#!/usr/bin/env bash
# Folders that loop, files reached twice, FIFOs, unreadable folders, ids that are
# verbs, files that do not load, and per-user paths: the edges of finding and
# opening exercise files (issue 16, classes 2, 7 and 10).
set -u
source "$(dirname "$0")/lib.sh"

export XDG_CACHE_HOME="$T/cache" XDG_STATE_HOME="$T/state" HOME="$T/home"
exercise() { # exercise ID TITLE [BODY]: one that passes smoke, guessing guard included
	printf -- '---\nid: %s\ntitle: %s\ncode: |\n  a\n  b\nissues:\n' "$1" "$2"
	printf -- '  - {id: a, text: t, is_real: false}\n  - {id: r1, text: u, is_real: true, severity: bug, lines: 1}\n'
	printf -- '  - {id: d2, text: v, is_real: false}\n  - {id: r2, text: w, is_real: true, severity: minor, lines: 2}\n'
	printf -- '---\n%s' "${3:-}"
}
# bounded: a hang is a failure, not a stuck suite
review_in() { timeout 60 "$REVIEW_BIN" "$@"; }

# --- a folder that loops: two links to itself and one to its parent
m=$T/m; mkdir -p "$m/sub"
exercise alpha "Alpha" > "$m/alpha.md"
ln -s . "$m/a"; ln -s . "$m/b"; ln -s .. "$m/sub/up"
for verb in list check smoke; do
	review_in --exercises "$m" "$verb" >"$T/out" 2>"$T/err"
	status=$?
	[ "$status" -eq 0 ] || fail "$verb over a looping folder exited $status: $(head -3 "$T/err")"
done
review_in --exercises "$m" list --format json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)) == 1' ||
	fail "a looping folder lists its one file more than once"
run 0 check "$m"
out_has "1 file, 0 errors, 0 warnings"

# --- the same file twice is not a duplicate of itself, and keeps the path given
run 0 check "$m" "$m/alpha.md"
out_has "1 file, 0 errors, 0 warnings"
run 0 --exercises "$m" --exercises "$m" check
out_has "1 file, 0 errors"
REVIEW_PATH="$m:$m/sub/up:$m" review_in check >"$T/out" 2>"$T/err" || fail "overlapping REVIEW_PATH: $(cat "$T/out")"
out_has "1 file, 0 errors"
run 0 --exercises "$m" --exercises "$m" list --format json
grep -qF "\"path\":\"$m/alpha.md\"" "$T/out" || fail "the path shown is not the one given: $(cat "$T/out")"
run 0 smoke "$m" "$m/alpha.md"
out_has "1 exercise, 0 failed"

# --- FIFOs: reported, never opened blocking
f=$T/f; mkdir -p "$f"
exercise fine "Fine" > "$f/fine.md"
mkfifo "$f/pipe.md"
review_in check "$f" >"$T/out" 2>"$T/err"; status=$?
[ "$status" -eq 1 ] || fail "check with a FIFO in the folder exited $status"
out_has "pipe.md: error: not a regular file"
out_has "1 file, 1 error" # fine.md read, the FIFO reported
review_in check "$f" --format junit | python3 -c '
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.stdin).getroot()[0]
assert suite.get("tests") == "2" and suite.get("failures") == "1", suite.attrib
' || fail "check junit: the FIFO is not a failing case"
review_in check "$f/pipe.md" >"$T/out" 2>"$T/err"; status=$?
[ "$status" -eq 1 ] || fail "check of a FIFO exited $status"
out_has "not a regular file"
review_in show "$f/pipe.md" >"$T/out" 2>"$T/err"; status=$?
[ "$status" -eq 2 ] || fail "show of a FIFO exited $status"
err_has "not a regular file"
review_in grade "$f/pipe.md" --answer a=not-real >"$T/out" 2>"$T/err"; status=$?
[ "$status" -eq 2 ] || fail "grade of a FIFO exited $status"
# smoke reports the FIFO as a failing case and goes on to the other files
review_in smoke "$f" >"$T/out" 2>"$T/err"; status=$?
[ "$status" -eq 1 ] || fail "smoke with a FIFO exited $status: $(cat "$T/err")"
out_has "FAIL $f/pipe.md"
out_has "ok   fine Fine"
review_in smoke "$f" --format junit | python3 -c '
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.stdin).getroot()[0]
assert suite.get("tests") == "2" and suite.get("failures") == "1", suite.attrib
' || fail "smoke junit with a FIFO"
rm "$f/pipe.md"

# --- an unreadable subfolder: smoke reports it and goes on, as check does
# (root reads every folder, so this part needs an ordinary user)
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$f/locked"; exercise hidden "Hidden" > "$f/locked/x.md"; chmod 000 "$f/locked"
	run 1 check "$f"
	out_has "locked: error: cannot open folder"
	run 1 smoke "$f"
	out_has "FAIL $f/locked"
	out_has "ok   fine Fine"
	chmod 700 "$f/locked"; rm -rf "$f/locked"
fi

# --- an id that is a verb: check warns and says how to open it
v=$T/v; mkdir -p "$v"
exercise list "Listed" > "$v/listed.md"
run 0 check "$v"
out_has "listed.md:2:5: warning: the id 'list' is also a verb"
out_has "review -- list"
run 1 check --strict "$v"
run 0 --exercises "$v" show list
out_has "Listed"
run 2 --exercises "$v" -- list
err_has "needs a terminal" # the exercise was found; only the terminal is missing
run 2 --exercises "$v" -- nosuch
err_has "neither a verb nor an exercise"

# --- looking up a file that does not load points at its errors
b=$T/b; mkdir -p "$b"
exercise good "Good" > "$b/good.md"
printf -- '---\nid: brk1\ntitle: Broken\ncode: x\nissues: [{id: a, text: t, is_real: maybe}]\n---\n' > "$b/broken.md"
for query in brk1 broken "$b/broken.md"; do
	run 1 --exercises "$b" show "$query"
	[ "$query" = "$b/broken.md" ] || err_has "'$query' is $b/broken.md, which does not load"
	err_has "broken.md:5:"
	if grep -q "no exercise matches" "$T/err"; then fail "show $query: 'no exercise matches' for a file that exists"; fi
done
run 1 --exercises "$b" brk1
err_has "which does not load"
run 2 --exercises "$b" grade brk1 --answer a=not-real # grade: a file with errors is an input error
err_has "broken.md:5:"
run 2 --exercises "$b" show nothere
err_has "no exercise matches 'nothere'"

# --- the body is kept as written: an indented code block opens it
c=$T/c; mkdir -p "$c"
exercise body "Body" $'    int x = 1;\n    return x;\n\nThen prose.\n' > "$c/body.md"
run 0 show "$c/body.md" --format json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["prompt"] == "    int x = 1;\n    return x;\n\nThen prose.\n", repr(d["prompt"])
' "$T/out" || fail "show --format json does not give the body back as written"
run 0 show "$c/body.md"
grep -qE '^ +int x = 1;$' "$T/out" || fail "an indented code block at the start of the body is not rendered as code"
grep -qF 'int x = 1; return x;' "$T/out" && fail "the indented code block was rendered as a paragraph"

# --- a relative HOME is ignored by the store and the cache alike
w=$T/work; mkdir -p "$w"
for verb in list progress; do
	(cd "$w" && env -u XDG_STATE_HOME -u XDG_CACHE_HOME HOME=relhome "$REVIEW_BIN" --exercises "$b" "$verb" \
		>/dev/null 2>"$T/err")
done
[ -e "$w/relhome" ] && fail "a relative HOME put files under the working folder: $(find "$w/relhome")"
err_has "neither XDG_STATE_HOME nor HOME is set to an absolute path"
(cd "$w" && env -u XDG_CACHE_HOME HOME=relhome XDG_STATE_HOME=rel "$REVIEW_BIN" --exercises "$b" progress >/dev/null 2>"$T/err")
[ -e "$w/rel" ] && fail "a relative XDG_STATE_HOME was used"
err_has "absolute path"

finish
