/* Files under a catalog folder that are not exercises: the ones a
 * `.reviewignore` names, and READMEs without front matter. Catalog discovery
 * takes every .md and .txt file; an author's notes beside the exercises would
 * otherwise be errors with no way to say "this is not an exercise".
 *
 * `.reviewignore`, in any folder of the catalog, holds gitignore-like globs, one
 * a line, relative to its folder: blank lines and lines starting with `#` are
 * skipped; `*`, `?` and `[...]` match within a name; a pattern without `/`
 * matches a file or folder name at any depth (`drafts`, `*.txt`); one with `/`
 * is anchored to the folder (`notes/old.md`, a leading `/` only anchors), and
 * `**` in it spans folders; a trailing `/` matches folders only; `!pattern`
 * takes a file back. The last matching line wins, and files in an ignored
 * folder are ignored.
 *
 * A file named README*.md (any letter case) that does not start with a `---`
 * line is skipped too, with a note, unless a `.reviewignore` names it. */
#ifndef REVIEW_IGNORE_H
#define REVIEW_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

#include "review/diag.h"

/* Removes from paths (as catalog_collect_paths(roots) lists them) the files
 * that are not exercises, freeing them and keeping the order of the others;
 * returns the new count. Each file is judged under the first root folder it is
 * in; a file under no root folder was given by name and is kept. A README
 * skipped for lacking front matter adds a note to notes (a DIAG_WARNING without
 * a line: show it as a note, it fails nothing). */
size_t ignore_filter_paths(const char *const *roots, size_t root_count, char **paths, size_t count,
			   struct diag_list *notes);

/* The same one file at a time, as a walk (review/walk.h) lists them: a filter
 * over the roots (which must outlive it; NULL when out of memory) tells
 * whether to keep each path, reading each folder's .reviewignore once. A NULL
 * filter keeps every path. */
struct ignore_filter;
struct ignore_filter *ignore_filter_new(const char *const *roots, size_t root_count);
bool ignore_keeps(struct ignore_filter *filter, const char *path, struct diag_list *notes);
void ignore_filter_free(struct ignore_filter *filter);

#endif
