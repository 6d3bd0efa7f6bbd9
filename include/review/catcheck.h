/* Checking a catalog's files (`review check`) on every core, in memory that
 * grows by some 30 bytes per file: the files are checked as the walk finds
 * them, each loaded, checked and freed; a hash of its id is kept to find ids
 * that two files share, and the walk keeps its set of files reached. */
#ifndef REVIEW_CATCHECK_H
#define REVIEW_CATCHECK_H

#include <stddef.h>

#include "review/catalog.h"
#include "review/diag.h"

/* Where the files come from: a walk over the roots (review/walk.h), less
 * what is not an exercise (review/ignore.h, its notes to notes). listed, when
 * not NULL, is told each file's path as it is found, in file order (never two
 * at once; the path is valid for the call only). */
struct catcheck_source {
	const char *const *roots;
	size_t root_count;
	struct diag_list *notes;
	void (*listed)(void *context, const char *path);
	void *context;
};

/* Checks the files the walk finds as it finds them: what the walk reports (a
 * folder it cannot open, a FIFO), each file's diagnostics (a file's together,
 * the files in the order they finish: sort them), and an error on every file
 * whose id a file earlier in path order has (naming that one, as catalog_load
 * does), go to diags. Returns a new catalog (free with catalog_free) whose
 * file_count is the files checked and whose entries are the files that loaded
 * and kept their id whose display id is one of names (entries hold only id,
 * display_id, id_explicit, id_line, id_column and path), in file order; or
 * NULL when out of memory. */
struct catalog *catcheck_walk(const struct catcheck_source *source, const char *const *names,
			      size_t name_count, struct diag_list *diags);

#endif
