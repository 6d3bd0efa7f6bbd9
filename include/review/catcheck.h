/* Checking a catalog's files (`review check`) on every core, in memory that
 * stays near 8 bytes per file however many files there are: each file is
 * loaded, checked and freed, and only a hash of its id is kept to find ids
 * that two files share. */
#ifndef REVIEW_CATCHECK_H
#define REVIEW_CATCHECK_H

#include <stddef.h>

#include "review/catalog.h"
#include "review/diag.h"

/* Checks the files, taken as given (collected and filtered by the caller):
 * each file's diagnostics (a file's together, the files in the order they
 * finish: sort them), and an error on every file whose id
 * a file earlier in path order has (naming that one, as catalog_load does), go
 * to diags. Returns a new catalog (free with catalog_free) of the files that
 * loaded and kept their id whose display id is one of names (entries hold only
 * id, display_id, id_explicit, id_line, id_column and path), in file order; or
 * NULL when out of memory. */
struct catalog *catcheck_files(const char *const *files, size_t file_count, const char *const *names,
			       size_t name_count, struct diag_list *diags);

#endif
