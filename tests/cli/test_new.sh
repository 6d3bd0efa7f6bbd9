#!/usr/bin/env bash
# review new: a scaffold that passes check --strict and smoke as written, with a
# fresh id the catalog does not use; never over an existing file; bad options named.
set -u
source "$(dirname "$0")/lib.sh"

cat_dir="$T/cat"
mkdir -p "$cat_dir/t"
printf -- '---\nid: taken\ntitle: T\ncode: x\nissues:\n  - { id: a, text: t, is_real: true, severity: bug, lines: 1 }\n---\n' >"$cat_dir/t/taken.md"

run 0 --exercises "$cat_dir" new "$cat_dir/new-track/fresh.md" --track new-track --language go --no-edit
out_has "review new: wrote $cat_dir/new-track/fresh.md (id "
[ -f "$cat_dir/new-track/fresh.md" ] || fail "no file written"
grep -q '^language: go ' "$cat_dir/new-track/fresh.md" || fail "the language is not the one asked for"
grep -q '^track: new-track' "$cat_dir/new-track/fresh.md" || fail "the track is not the one asked for"
id=$(sed -n 's/^id: \([a-z0-9]*\).*/\1/p' "$cat_dir/new-track/fresh.md")
[ -n "$id" ] && [ "$id" != taken ] || fail "no fresh id: '$id'"
run 0 check --strict "$cat_dir/new-track/fresh.md"
out_has "1 file, 0 errors, 0 warnings"
run 0 smoke "$cat_dir/new-track/fresh.md"
out_has "1 exercise, 0 failed"

# Never over an existing file; a taken id, an unknown language, a bad track or id: usage errors.
before=$(cat "$cat_dir/new-track/fresh.md")
run 2 --exercises "$cat_dir" new "$cat_dir/new-track/fresh.md" --no-edit
err_has "already exists; review new never overwrites a file"
[ "$(cat "$cat_dir/new-track/fresh.md")" = "$before" ] || fail "an existing file was changed"
run 2 --exercises "$cat_dir" new "$T/x.md" --id taken --no-edit
err_has "the id 'taken' is taken"
run 2 --exercises "$cat_dir" new "$T/x.md" --id list --no-edit
err_has "the id 'list' is taken"
run 2 --exercises "$cat_dir" new "$T/x.md" --language pyton --no-edit
err_has "no highlighting for 'pyton'"
run 2 --exercises "$cat_dir" new "$T/x.md" --track "bad track" --no-edit
err_has "a track is a word of a-z"
run 2 --exercises "$cat_dir" new "$T/x.md" --id "Bad" --no-edit
err_has "an id is 2 to 16 characters"
run 2 new --no-edit
err_has "which PATH?"
[ -e "$T/x.md" ] && fail "a refused scaffold left a file"
run 0 new --help
out_has "usage: review new PATH"

# The editor opens on a terminal only: without one, nothing runs.
EDITOR="sh -c 'touch $T/editor-ran'" run 0 --exercises "$cat_dir" new "$T/y.md"
[ -e "$T/editor-ran" ] && fail "an editor ran without a terminal"

# The supported languages are listed.
run 0 list --languages
out_has "python       py python3 py3"
out_has "dockerfile"
run 0 list --languages --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(x["language"] == "go" for x in d), d' "$T/out" ||
	fail "list --languages --format json"

finish
