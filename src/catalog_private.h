/* What the catalog shares with the check of a catalog (catcheck.c): the id
 * order and the display id rule, so both give the same ids. */
#ifndef REVIEW_CATALOG_PRIVATE_H
#define REVIEW_CATALOG_PRIVATE_H

#include <stddef.h>

#include "review/catalog.h"

/* qsort comparator of struct catalog_entry pointers: by id, then path. */
int catalog_compare_ids(const void *a, const void *b);

/* The length of by_id[i]'s shortest unique prefix (at least 4), by_id sorted
 * with catalog_compare_ids; entries of the same id do not count. */
size_t catalog_unique_prefix(struct catalog_entry *const *by_id, size_t count, size_t i);

#endif
