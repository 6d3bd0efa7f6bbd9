#!/usr/bin/env bash
# `cmake --install --prefix DIR` puts the binary, the bundled catalog, the man
# pages and the completion scripts under DIR, and the installed binary finds
# that catalog from any folder with no REVIEW_PATH, though the build was
# configured for another prefix (it looks beside itself first); removing what
# the install manifest lists leaves nothing behind.
set -u
source "$(dirname "$0")/lib.sh"
prefix=$T/prefix
cmake --install "$BUILD_DIR" --prefix "$prefix" >/dev/null || fail "cmake --install"
[ -x "$prefix/bin/review" ] || fail "no bin/review"
[ -n "$(find "$prefix/share/review/exercises" -name '*.md' | head -1)" ] || fail "no bundled exercises"
[ -f "$prefix/share/bash-completion/completions/review" ] || fail "no bash completion"
[ -f "$prefix/share/zsh/site-functions/_review" ] || fail "no zsh completion"
cmp -s "$prefix/share/bash-completion/completions/review" <("$prefix/bin/review" completion bash) ||
	fail "the installed bash completion is not the binary's"
count=$(find "$SOURCE_DIR/exercises" -name '*.md' | wc -l)
# From a folder without ./exercises and without REVIEW_PATH: the binary's own catalog.
mkdir -p "$T/elsewhere"
listed=$(cd "$T/elsewhere" && env -u REVIEW_PATH "$prefix/bin/review" list --format json |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$listed" = "$count" ] || fail "installed catalog lists $listed of $count"
path=$(cd "$T/elsewhere" && "$prefix/bin/review" list --format json |
	python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["path"])')
case $path in "$prefix/bin/../share/review/exercises/"*) ;; *) fail "the catalog came from $path" ;; esac
# A copy moved elsewhere still finds its catalog; REVIEW_PATH still wins.
mv "$prefix" "$T/moved"
listed=$(cd "$T/elsewhere" && "$T/moved/bin/review" list --format json |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$listed" = "$count" ] || fail "a moved install lists $listed of $count"
mkdir -p "$T/mine"
cp "$FIXTURES_DIR/class/cls1.md" "$T/mine/"
listed=$(cd "$T/elsewhere" && REVIEW_PATH="$T/mine" "$T/moved/bin/review" list --format json |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$listed" = 1 ] || fail "REVIEW_PATH no longer wins over the installed catalog"
mv "$T/moved" "$prefix"
xargs rm -f < "$BUILD_DIR/install_manifest.txt"
find "$prefix" -type d -empty -delete 2>/dev/null
[ ! -e "$prefix" ] || [ -z "$(find "$prefix" -type f)" ] || fail "files left after removing the manifest"
finish
