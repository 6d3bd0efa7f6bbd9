#!/usr/bin/env bash
# The help loop: `review help help` and `review help --help` describe help
# instead of calling it an unknown verb; an unknown verb suggests the verb an
# author means (`lint` is `check`, though `list` is closer by spelling); the
# README names the man pages it installs; --help names every option every
# verb takes, --find and --no-find too.
set -u
source "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
run 0 help help
out_has "usage: review help [VERB]"
run 0 help --help
out_has "usage: review help [VERB]"
run 0 help -h
out_has "usage: review help [VERB]"
run 0 help
out_has "Verbs:"
run 0 help check
out_has "usage: review check"
# Every option every verb accepts is named where the README says it is.
run 0 --help
out_has "  --find, --no-find"
run 0 help show
out_has "--seed N, --find, --no-find (see review --help)."
run 2 help lint
err_has "review help: unknown verb 'lint' (did you mean 'check'?)"
err_has "Try 'review help --help'."
run 2 help shwo
err_has "unknown verb 'shwo' (did you mean 'show'?)"
run 2 help show extra
err_has "one VERB at a time"
run 2 --exercises "$T" lint
err_has "unknown verb 'lint' (did you mean 'check'?)"
run 2 --exercises "$T" validate
err_has "(did you mean 'check'?)"
run 2 --exercises "$T" scaffold
err_has "(did you mean 'new'?)"
run 2 --exercises "$T" lsit
err_has "(did you mean 'list'?)"
grep -q 'man 1 review' "$SOURCE_DIR/README.md" || fail "the README does not name review(1)"
grep -q 'man 5 review-exercise' "$SOURCE_DIR/README.md" || fail "the README does not name review-exercise(5)"
for page in review.1 review-exercise.5; do
	[ -f "$SOURCE_DIR/docs/$page" ] || fail "docs/$page, named in the README, is missing"
done
finish
