#!/usr/bin/env bash
# `cmake --install` puts the binary and the bundled catalog under a prefix, and
# the installed binary finds that catalog from any folder; removing what the
# install manifest lists leaves nothing behind.
set -u
source "$(dirname "$0")/lib.sh"
prefix=$T/prefix
cmake --install "$BUILD_DIR" --prefix "$prefix" >/dev/null || fail "cmake --install"
[ -x "$prefix/bin/review" ] || fail "no bin/review"
[ -n "$(find "$prefix/share/review/exercises" -name '*.md' | head -1)" ] || fail "no bundled exercises"
count=$(find "$SOURCE_DIR/exercises" -name '*.md' | wc -l)
# The binary was configured for another prefix: point it at this one.
listed=$(cd "$prefix" && REVIEW_PATH="$prefix/share/review/exercises" "$prefix/bin/review" list --format json |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$listed" = "$count" ] || fail "installed catalog lists $listed of $count"
xargs rm -f < "$BUILD_DIR/install_manifest.txt"
find "$prefix" -type d -empty -delete 2>/dev/null
[ ! -e "$prefix" ] || [ -z "$(find "$prefix" -type f)" ] || fail "files left after removing the manifest"
finish
