#!/usr/bin/env bash
# Files in a catalog folder that are not exercises: `.reviewignore` globs
# (gitignore-like) and READMEs without front matter, skipped by check, smoke and
# the catalog (list) instead of being errors; a README is skipped with a note.
set -u
source "$(dirname "$0")/lib.sh"
c=$T/cat
mkdir -p "$c/drafts" "$c/track/notes" "$c/track/deep/er" "$c/keep"
good() { # PATH ID: a valid exercise
	sed "s/^id: cls1/id: $2/" "$FIXTURES_DIR/class/cls1.md" >"$1"
}
broken() { printf 'not an exercise\n' >"$1"; }
good "$c/a.md" aaaa
good "$c/track/b.md" bbbb
good "$c/keep/wanted.md" keep
broken "$c/drafts/idea.md"            # a folder by name, at any depth: drafts/
broken "$c/scratch.txt"               # a glob on names: *.txt
broken "$c/track/notes/n.md"          # anchored in a nested .reviewignore: notes/
broken "$c/track/deep/er/x.tmp.md"    # ** spans folders: deep/**/*.tmp.md
broken "$c/keep/old.md"               # ignored by keep/*.md, and wanted.md taken back
printf 'Notes for authors.\n' >"$c/README.md"           # skipped with a note
printf 'Notes.\n' >"$c/track/readme-first.md"           # any letter case, README*.md
printf 'Named.\n' >"$c/track/README.md"                 # named in .reviewignore: no note
cat >"$c/.reviewignore" <<'EOF'
# not exercises
drafts/
*.txt
/keep/*.md
!/keep/wanted.md
EOF
cat >"$c/track/.reviewignore" <<'EOF'
notes/
deep/**/*.tmp.md
README.md
EOF

run 0 check "$c"
out_has "3 files, 0 errors, 0 warnings"
err_has "review check: note: $c/README.md: skipped: a README without front matter is not an exercise"
err_has "review check: note: $c/track/readme-first.md: skipped"
grep -q "track/README.md" "$T/err" && fail "a README named in .reviewignore got a note"
[ "$(grep -c note: "$T/err")" = 2 ] || fail "notes: $(cat "$T/err")"
run 0 check "$c" --strict --format junit
python3 -c 'import sys, xml.etree.ElementTree as ET; n = len(list(ET.parse(sys.argv[1]).getroot().iter("testcase"))); assert n == 3, n' \
	"$T/out" || fail "JUnit has cases for skipped files"
run 0 smoke "$c"
out_has "3 exercises, 0 failed"
run 0 --exercises "$c" list --format json
python3 -c 'import json,sys; ids = sorted(e["id"] for e in json.load(open(sys.argv[1]))); assert ids == ["aaaa", "bbbb", "keep"], ids' \
	"$T/out" || fail "list shows $(cat "$T/out")"
[ ! -s "$T/err" ] || fail "list complained: $(cat "$T/err")"

# A README with front matter is an exercise; a file given by name is checked.
good "$c/track/README-ex.md" rdme
run 0 check "$c"
out_has "4 files, 0 errors"
run 1 check "$c/README.md"
grep -q note: "$T/err" && fail "a file given by name was skipped"
out_has "$c/README.md:1:1: error: missing front matter"
# Without the .reviewignore, every one of them is an error again.
rm "$c/.reviewignore" "$c/track/.reviewignore"
run 1 check "$c"
out_has "$c/drafts/idea.md:1:1: error:"
out_has "$c/track/notes/n.md:1:1: error:"
out_has "9 files, 5 errors"
err_has "review check: note: $c/track/README.md: skipped" # now with its note
finish
