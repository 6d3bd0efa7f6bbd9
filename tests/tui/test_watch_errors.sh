#!/usr/bin/env bash
# --watch when the system will not watch: inotify refused outright (no
# instance left) or for a folder (no watch left). The refusals come from a
# small LD_PRELOAD shim, since nothing an unprivileged test can do makes the
# kernel refuse. review says which and why: preview and check stop with exit 2
# before starting; a preview already open says so in the footer and goes on.
. "$(dirname "$0")/lib.sh"

command -v cc >/dev/null || { echo "skip [$TEST_NAME]: no C compiler for the shim"; exit 0; }
cat >"$WORK/shim.c" <<'C'
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
int inotify_init1(int flags);
int inotify_add_watch(int fd, const char *path, uint32_t mask);
int inotify_init1(int flags)
{
	(void)flags;
	errno = EMFILE;
	return -1;
}
C
cat >"$WORK/shim_add.c" <<'C'
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
int inotify_add_watch(int fd, const char *path, uint32_t mask);
/* Refused for folders whose path holds "refused", so the test picks. */
int inotify_add_watch(int fd, const char *path, uint32_t mask)
{
	if (strstr(path, "refused")) {
		errno = ENOSPC;
		return -1;
	}
	return (int)syscall(SYS_inotify_add_watch, fd, path, mask);
}
C
cc -shared -fPIC -o "$WORK/no_init.so" "$WORK/shim.c" || fail "the shim does not build"
cc -shared -fPIC -o "$WORK/no_add.so" "$WORK/shim_add.c" || fail "the shim does not build"
# A sanitized review must accept a library before its runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

REFUSED="$WORK/refused"
mkdir -p "$REFUSED"
cp "$CATALOG/basics/pipeline.md" "$REFUSED/pipeline.md"
cp "$CATALOG/basics/pipeline.md" "$WORK/pipeline.md"

status=0
LD_PRELOAD="$WORK/no_init.so" "$REVIEW_BIN" check --watch "$WORK/pipeline.md" >"$WORK/out" 2>"$WORK/err" || status=$?
[ $status -eq 2 ] || fail "check --watch without inotify exited $status"
grep -qF "review check: cannot watch files: Too many open files" "$WORK/err" || fail "check said: $(cat "$WORK/err")"
note "check --watch without inotify: exit 2, and why"

status=0
LD_PRELOAD="$WORK/no_add.so" "$REVIEW_BIN" check --watch "$REFUSED" >"$WORK/out" 2>"$WORK/err" || status=$?
[ $status -eq 2 ] || fail "check --watch on a folder it cannot watch exited $status"
grep -qF "review check: cannot watch $REFUSED: No space left on device" "$WORK/err" || fail "check said: $(cat "$WORK/err")"
grep -qF "1 file, 0 errors" "$WORK/out" || fail "the first report is missing: $(cat "$WORK/out")"
note "check --watch on a folder it cannot watch: the report, then exit 2 and why"

open_pane 100 30 "LD_PRELOAD=$WORK/no_init.so" "ASAN_OPTIONS=$ASAN_OPTIONS"
run_review preview --watch "$WORK/pipeline.md"
wait_for "review preview: cannot watch files: Too many open files"
expect_exit 2
note "preview --watch without inotify: exit 2, and why"

open_pane 100 30 "LD_PRELOAD=$WORK/no_add.so" "ASAN_OPTIONS=$ASAN_OPTIONS"
run_review preview --watch "$REFUSED"
wait_for "review preview: cannot watch $REFUSED: No space left on device"
expect_exit 2
run_review preview --watch "$REFUSED/pipeline.md"
wait_for "Candidates with the answer key"
wait_footer "Not watching this file: cannot watch $REFUSED: No space left on device"
keys j
wait_footer "E edit"
keys q
expect_exit 0
note "preview --watch: a folder it cannot watch stops the list; an open preview says so and goes on"

# A folder that appears later and cannot be watched: the list says so and goes on.
LIST="$WORK/list"
mkdir -p "$LIST"
cp "$CATALOG/basics/pipeline.md" "$LIST/pipeline.md"
run_review preview --watch "$LIST"
wait_for "review preview: 1 file,"
mkdir "$LIST/refused"
cp "$CATALOG/basics/buffer.md" "$LIST/refused/buffer.md"
wait_for "review preview: 2 files,"
wait_for "Not watching every folder: cannot watch $LIST/refused: No space left on"
mkdir "$LIST/zz"
cp "$CATALOG/basics/buffer.md" "$LIST/zz/buffer.md"
wait_for "review preview: 3 files,"
cp "$CATALOG/basics/pipeline.md" "$LIST/zz/pipeline.md"
wait_for "review preview: 4 files,"
keys q
expect_exit 0
note "a new folder that cannot be watched is said in the footer; the folders after it are still followed"
