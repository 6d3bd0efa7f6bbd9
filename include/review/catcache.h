/* The catalog cache: what listing needs of each valid exercise file, kept in a
 * SQLite database under $XDG_CACHE_HOME and keyed by the file's absolute path, size,
 * modification time, status-change time (ctime, which `cp -p`, `tar x` and
 * `rsync -t` cannot restore) and inode, so a catalog of 10,000 files opens without
 * parsing any file that did not change. It is only an accelerator: every
 * failure degrades to parsing, and deleting it loses nothing. */
#ifndef REVIEW_CATCACHE_H
#define REVIEW_CATCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "review/catalog.h"

struct catcache;

/* Opens (creating when missing) the cache at path, or at the default path when
 * path is NULL: $XDG_CACHE_HOME/review/catalog.db, else ~/.cache/review/catalog.db.
 * Returns NULL when it cannot be used; callers then simply parse everything.
 * Reads no row: catcache_read_folders does. */
struct catcache *catcache_open(const char *path);
void catcache_close(struct catcache *cache);

/* Reads the rows of the files under the folders (a folder may also name a
 * file), and only those: a cache that also holds other catalogs costs nothing
 * here. Lookups afterwards touch no database. NULL cache is fine. */
void catcache_read_folders(struct catcache *cache, const char *const *folders, size_t count);

/* Keeps the cache to the files that exist: deletes the rows read (see
 * catcache_read_folders) whose path is not among the live paths the walk found,
 * and, when sweep is true, every other row whose file is gone (one stat each:
 * callers sweep only after storing, so a warm load stays free of it). */
void catcache_prune(struct catcache *cache, char *const *live, size_t live_count, bool sweep);

/* Fills entry (new strings; display_id left NULL) when the cache holds the file
 * as it is now. The row's strings move to the entry, so a second lookup of the
 * same path misses. Workers may look up different paths at the same time. */
bool catcache_lookup(struct catcache *cache, const char *path, const struct stat *info,
		     struct catalog_entry *entry);

/* Remembers entries in one transaction; failures are ignored. */
void catcache_store(struct catcache *cache, const struct catalog_entry *const *entries,
		    const struct stat *infos, size_t count);

#endif
