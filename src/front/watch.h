/* Watching exercise files for changes (inotify), for `preview --watch` and
 * `check --watch`. Editors save by writing a new file and renaming it over the
 * old one, so a file is watched through its folder and matched by name: every
 * way it can be written, replaced, deleted or created again is seen. */
#ifndef REVIEW_CLI_WATCH_H
#define REVIEW_CLI_WATCH_H

#include <stdbool.h>

struct watch;

/* A new watcher with nothing watched yet (caller frees with watch_free), or NULL
 * with *error set to a new string saying why (caller frees). */
struct watch *watch_new(char **error);
void watch_free(struct watch *watch);

/* Watches a file (through its folder, matching its name) or a folder (any
 * exercise file or subfolder in it). Adding the same path twice is harmless.
 * Returns false when the folder cannot be watched, with *error set to why
 * (caller frees) unless it already held an earlier failure, which is kept: a
 * caller adds many paths and tells the first failure. */
bool watch_add(struct watch *watch, const char *path, char **error);

/* Watches the folder a file is in (every exercise file of it), as watch_add. */
bool watch_add_folder_of(struct watch *watch, const char *file, char **error);

/* The descriptor to poll (POLLIN) for events. */
int watch_fd(const struct watch *watch);

/* Reads the pending events without blocking; true when one concerns a watched
 * file (or the kernel dropped events, which may have). */
bool watch_read(struct watch *watch);

/* Waits until quiet_ms pass without another relevant event, or max_ms in all:
 * a save is a burst (write, close, rename), reloaded once. */
void watch_settle(struct watch *watch, int quiet_ms, int max_ms);

/* Blocks until a watched file changes (settled), or returns false when reading
 * the watcher fails or a signal interrupts the wait. */
bool watch_wait(struct watch *watch);

#endif
