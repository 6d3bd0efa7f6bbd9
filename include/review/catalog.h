/* The catalog: every exercise under a set of folders, indexed by id.
 * Entries hold only what listing and lookup need; the full exercise is
 * loaded again from its path when it is shown. */
#ifndef REVIEW_CATALOG_H
#define REVIEW_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "review/diag.h"
#include "review/exercise.h"

struct catalog_entry {
	char *id;             /* full id */
	char *display_id;     /* shortest unique prefix (>= 4 chars), or the explicit id */
	bool id_explicit;
	int id_line, id_column; /* where the id is written (1:1 for derived ids) */
	char *path;
	char *title;
	char *track;          /* "" when absent */
	int track_level;
	int track_order;
	enum difficulty difficulty;
	char *language;
	char **tags;
	size_t tag_count;
	size_t candidate_count;
	size_t hint_count;
	int points;
	char content_hash[17];
};

struct catalog {
	struct catalog_entry *entries; /* sorted: track, track_level, track_order, title */
	size_t count;
	size_t file_count;             /* files seen, valid or not */
	char **broken;                 /* paths of the files that did not load, sorted */
	size_t broken_count;
};

/* Loads every .md and .txt file under the folders (recursively, hidden ones
 * skipped, and less what is not an exercise: see review/ignore.h), in parallel
 * on every core. Invalid files are left out of the catalog;
 * their diagnostics, and duplicate ids across files, go to diags.
 * Returns a new catalog (free with catalog_free), or NULL when out of memory. */
struct catalog *catalog_load(const char *const *folders, size_t folder_count,
			     struct diag_list *diags);
void catalog_free(struct catalog *catalog);

struct catcache;
/* The same, taking unchanged files from the cache (see catcache.h) and storing
 * the ones it had to parse. cache may be NULL. */
struct catalog *catalog_load_cached(const char *const *folders, size_t folder_count,
				    struct catcache *cache, struct diag_list *diags);

/* Lists the exercise files under the paths (a file given is listed as itself):
 * the paths in order, the files of each sorted. Links are followed, but every
 * folder is walked and every file listed once per (device, inode), so a link
 * loop ends and a file reached twice (`check d d/a.md`, a folder given twice)
 * is listed once, under the first path that reached it. A missing path, an
 * unreadable folder and a file that is not a regular file (FIFO, device) are
 * reported to diags. Returns the count; *out is a new array of new strings
 * (free with catalog_paths_free). */
size_t catalog_collect_paths(const char *const *paths, size_t count, char ***out,
			     struct diag_list *diags);
void catalog_paths_free(char **paths, size_t count);

enum catalog_match { CATALOG_FOUND, CATALOG_NOT_FOUND, CATALOG_AMBIGUOUS };

/* Finds an exercise by id, unique id prefix, file stem, or path (an existing file
 * path is not looked up: the caller loads it directly). On FOUND, *entry is set.
 * Otherwise *message is a new string (caller frees) listing the candidates or the
 * closest matches. */
enum catalog_match catalog_find(const struct catalog *catalog, const char *query,
				const struct catalog_entry **entry, char **message);

/* The path of a file that did not load which query names (its path, its stem,
 * its derived id or a prefix of 4 or more characters of it, or an `id:` line in
 * its front matter), so a lookup can point at that file's errors instead of
 * saying nothing matches; NULL when none does. */
const char *catalog_find_broken(const struct catalog *catalog, const char *query);

/* Index of the entry in catalog order, or -1. */
long catalog_index_of(const struct catalog *catalog, const char *id);

#endif
