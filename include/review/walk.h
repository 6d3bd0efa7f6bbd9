/* Finding exercise files one at a time, in memory that does not grow with the
 * catalog: only the open folders' sorted names (depth x folder size) and the
 * set of files reached (review/fileset.h) are held.
 *
 * The files come per root given, in order, each root's sorted by strcmp of
 * the full path: a folder's names are sorted with "/" after a folder's name
 * ("a-b.md" < "a.md" < "a/" as '-' < '.' < '/'), so a depth-first walk meets
 * them in that order. Hidden names are skipped; a file given as a root is
 * listed as itself, whatever its name; under a folder only .md and .txt files
 * are. Links are followed, but every folder is read and every file listed
 * once per (device, inode): a link loop ends and a file reached twice
 * (`check d d/a.md`, a folder given twice) is listed once, under the first
 * path (in that order) that reached it. A missing root, an unreadable folder
 * and a file that is not a regular file (FIFO, device) are reported to diags
 * as they are met. */
#ifndef REVIEW_WALK_H
#define REVIEW_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "review/diag.h"

struct walk;

/* A walk over the roots (which must outlive it); NULL when out of memory. */
struct walk *walk_open(const char *const *roots, size_t root_count, struct diag_list *diags);

/* The next file's path (the walk's own, valid until the next call), its stat
 * in *info when info is not NULL, and in *root the index of the root it is
 * under when root is not NULL; NULL at the end. */
const char *walk_next(struct walk *walk, struct stat *info, size_t *root);

/* Whether memory ran short: a folder or file may then have been missed. */
bool walk_out_of_memory(const struct walk *walk);

void walk_close(struct walk *walk);

#endif
