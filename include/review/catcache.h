/* The catalog cache: what listing needs of each valid exercise file, kept in a
 * SQLite database under $XDG_CACHE_HOME and keyed by the file's path, size,
 * modification time, status-change time (ctime, which `cp -p`, `tar x` and
 * `rsync -t` cannot restore) and inode, so a catalog of 10,000 files opens without
 * parsing any file that did not change. It is only an accelerator: every
 * failure degrades to parsing, and deleting it loses nothing. */
#ifndef REVIEW_CATCACHE_H
#define REVIEW_CATCACHE_H

#include <stdbool.h>
#include <sys/stat.h>

#include "review/catalog.h"

struct catcache;

/* Opens (creating when missing) the cache at path, or at the default path when
 * path is NULL: $XDG_CACHE_HOME/review/catalog.db, else ~/.cache/review/catalog.db.
 * Returns NULL when it cannot be used; callers then simply parse everything.
 * Reads every row up front: lookups afterwards touch no database. */
struct catcache *catcache_open(const char *path);
void catcache_close(struct catcache *cache);

/* Fills entry (new strings; display_id left NULL) when the cache holds the file
 * as it is now. */
bool catcache_lookup(const struct catcache *cache, const char *path, const struct stat *info,
		     struct catalog_entry *entry);

/* Remembers entries in one transaction; failures are ignored. */
void catcache_store(struct catcache *cache, const struct catalog_entry *const *entries,
		    const struct stat *infos, size_t count);

#endif
