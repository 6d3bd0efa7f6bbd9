/* The catalog cache in SQLite: one row per valid exercise file. */
#include "review/catcache.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "review/loader.h"
#include "review/xdg.h"

/* Bump when the row layout or the loader's idea of an entry changes. */
#define CATCACHE_VERSION 3
#define STRINGIFY(x) #x
#define TEXT_OF(x) STRINGIFY(x)
#define CATCACHE_VERSION_TEXT TEXT_OF(CATCACHE_VERSION)
#define TAG_SEPARATOR '\x1f'

struct row {
	char *path;             /* the key: an absolute path */
	bool taken;             /* its entry moved to a catalog by catcache_lookup */
	long long size, mtime_ns, ctime_ns, inode;
	struct catalog_entry entry;
};

struct catcache {
	sqlite3 *db;
	char *cwd;              /* relative paths are keyed under it */
	struct row *rows;       /* the rows under the folders read, sorted by path */
	size_t count, capacity;
	char **folders;         /* the folders read, without trailing slashes */
	size_t folder_count;
};

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS entries ("
	" path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER,"
	" id TEXT, id_explicit INTEGER, id_line INTEGER, id_column INTEGER, title TEXT,"
	" track TEXT, track_level INTEGER, track_order INTEGER, difficulty INTEGER,"
	" language TEXT, tags TEXT, candidates INTEGER, hints INTEGER, points INTEGER,"
	" hash TEXT)";

static char *default_path(void)
{
	return xdg_path("XDG_CACHE_HOME", ".cache", "review/catalog.db");
}

static bool make_parents(const char *path)
{
	char *copy = strdup(path);
	bool ok = copy != NULL;
	for (char *slash = copy ? strchr(copy + 1, '/') : NULL; ok && slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		ok = mkdir(copy, 0700) == 0 || errno == EEXIST;
		*slash = '/';
	}
	free(copy);
	return ok;
}

/* A cache written by another layout is dropped, never migrated: it is only a cache. */
static bool prepare_schema(sqlite3 *db)
{
	sqlite3_stmt *statement;
	int version = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(statement) == SQLITE_ROW)
		version = sqlite3_column_int(statement, 0);
	sqlite3_finalize(statement);
	if (version != CATCACHE_VERSION &&
	    sqlite3_exec(db, "DROP TABLE IF EXISTS entries; PRAGMA user_version = " CATCACHE_VERSION_TEXT, NULL, NULL, NULL) != SQLITE_OK)
		return false;
	return sqlite3_exec(db, schema, NULL, NULL, NULL) == SQLITE_OK;
}

static char *column_text(sqlite3_stmt *statement, int column)
{
	const unsigned char *text = sqlite3_column_text(statement, column);
	return strdup(text ? (const char *)text : "");
}

/* Tags are stored joined by the unit separator, which no YAML scalar here holds raw. */
static char **split_tags(const char *joined, size_t *count)
{
	size_t n = *joined ? 1 : 0;
	for (const char *c = joined; *c; c++)
		n += *c == TAG_SEPARATOR;
	char **tags = calloc(n + 1, sizeof(*tags));
	*count = 0;
	for (const char *start = joined; tags && n > 0;) {
		const char *end = strchr(start, TAG_SEPARATOR);
		size_t length = end ? (size_t)(end - start) : strlen(start);
		tags[(*count)++] = strndup(start, length);
		if (!end)
			break;
		start = end + 1;
	}
	return tags;
}

/* The cache is a file anyone can edit: a total past what the loader allows is
 * not trusted, and the file is parsed again. */
static int bounded_points(long long points)
{
	return points >= 0 && points <= (long long)LOADER_MAX_POINTS * LOADER_MAX_CANDIDATES ? (int)points : -1;
}

static void read_row(sqlite3_stmt *s, struct row *row)
{
	struct catalog_entry *e = &row->entry;
	row->path = column_text(s, 0);
	row->size = sqlite3_column_int64(s, 1);
	row->mtime_ns = sqlite3_column_int64(s, 2);
	row->ctime_ns = sqlite3_column_int64(s, 3);
	row->inode = sqlite3_column_int64(s, 4);
	e->id = column_text(s, 5);
	e->id_explicit = sqlite3_column_int(s, 6) != 0;
	e->id_line = sqlite3_column_int(s, 7);
	e->id_column = sqlite3_column_int(s, 8);
	e->title = column_text(s, 9);
	e->track = column_text(s, 10);
	e->track_level = sqlite3_column_int(s, 11);
	e->track_order = sqlite3_column_int(s, 12);
	int difficulty = sqlite3_column_int(s, 13);
	e->difficulty = difficulty >= DIFFICULTY_NONE && difficulty <= DIFFICULTY_HARD ? (enum difficulty)difficulty
										 : DIFFICULTY_NONE;
	e->language = column_text(s, 14);
	const unsigned char *tags = sqlite3_column_text(s, 15);
	e->tags = split_tags(tags ? (const char *)tags : "", &e->tag_count);
	e->candidate_count = (size_t)sqlite3_column_int64(s, 16);
	e->hint_count = (size_t)sqlite3_column_int64(s, 17);
	e->points = bounded_points(sqlite3_column_int64(s, 18));
	const unsigned char *hash = sqlite3_column_text(s, 19);
	snprintf(e->content_hash, sizeof(e->content_hash), "%s", hash ? (const char *)hash : "");
}

/* Rows are keyed by absolute path: "exercises/a.md" listed from two folders
 * is two files, and a row can be checked (and pruned) from anywhere. Returns
 * path itself when absolute, else cwd/path in buffer, or NULL when too long. */
static const char *key_of(const struct catcache *cache, const char *path, char *buffer, size_t size)
{
	if (path[0] == '/')
		return path;
	size_t cwd_length = cache->cwd ? strlen(cache->cwd) : 0, length = strlen(path);
	if (!cache->cwd || cwd_length + length + 2 > size)
		return NULL;
	memcpy(buffer, cache->cwd, cwd_length);
	buffer[cwd_length] = '/';
	memcpy(buffer + cwd_length + 1, path, length + 1);
	return buffer;
}

static char *new_key(const struct catcache *cache, const char *path)
{
	char buffer[4096];
	const char *key = key_of(cache, path, buffer, sizeof(buffer));
	return key ? strdup(key) : NULL;
}

/* A folder as the walk writes paths under it: "a/" and "a" both give "a/x.md". */
static char *folder_base(const struct catcache *cache, const char *folder)
{
	char *key = new_key(cache, folder);
	size_t length = key ? strlen(key) : 0;
	while (length > 0 && key[length - 1] == '/')
		key[--length] = '\0';
	return key;
}

/* The path is the folder itself (a file given as a folder) or lies under it. */
static bool is_under(const char *path, const char *base)
{
	size_t length = strlen(base);
	return strncmp(path, base, length) == 0 && (path[length] == '\0' || path[length] == '/');
}

static bool under_any(const struct catcache *cache, const char *path)
{
	for (size_t i = 0; i < cache->folder_count; i++)
		if (is_under(path, cache->folders[i]))
			return true;
	return false;
}

static void free_row(struct row *row);

static bool push_row(struct catcache *cache, sqlite3_stmt *statement)
{
	if (cache->count == cache->capacity) {
		size_t capacity = cache->capacity ? cache->capacity * 2 : 256;
		struct row *rows = realloc(cache->rows, capacity * sizeof(*rows));
		if (!rows)
			return false;
		cache->rows = rows;
		cache->capacity = capacity;
	}
	struct row *row = &cache->rows[cache->count];
	memset(row, 0, sizeof(*row));
	read_row(statement, row);
	if (!row->path) { /* out of memory: the file is parsed instead */
		free_row(row);
		return true;
	}
	cache->count++;
	return true;
}

/* Rows whose path lies in [base, base + "0"): the folder itself, everything
 * under "base/" (and names such as "base-x", which is_under then drops). One
 * range of the primary key's index: the rows of other folders are never read. */
static void read_folder(struct catcache *cache, sqlite3_stmt *statement, const char *base)
{
	size_t length = strlen(base);
	char *end = malloc(length + 2);
	if (!end)
		return;
	memcpy(end, base, length);
	memcpy(end + length, "0", 2); /* '0' follows '/' */
	sqlite3_bind_text(statement, 1, base, -1, SQLITE_STATIC);
	sqlite3_bind_text(statement, 2, end, -1, SQLITE_STATIC);
	while (sqlite3_step(statement) == SQLITE_ROW) {
		const unsigned char *path = sqlite3_column_text(statement, 0);
		if (path && is_under((const char *)path, base) && !push_row(cache, statement))
			break;
	}
	sqlite3_reset(statement);
	free(end);
}

static void free_row(struct row *row)
{
	struct catalog_entry *e = &row->entry;
	free(row->path);
	free(e->id);
	free(e->title);
	free(e->track);
	free(e->language);
	for (size_t t = 0; t < e->tag_count; t++)
		free(e->tags[t]);
	free(e->tags);
}

static int compare_rows(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->path, ((const struct row *)b)->path);
}

static bool rows_sorted(const struct catcache *cache)
{
	for (size_t i = 1; i < cache->count; i++)
		if (strcmp(cache->rows[i - 1].path, cache->rows[i].path) >= 0)
			return false;
	return true;
}

/* Several folders, or overlapping ones ("a" and "a/b", which read some rows
 * twice): sort and keep one of each. One folder's rows come sorted. */
static void sort_rows(struct catcache *cache)
{
	size_t kept = 0;
	if (rows_sorted(cache))
		return;
	qsort(cache->rows, cache->count, sizeof(*cache->rows), compare_rows);
	for (size_t i = 0; i < cache->count; i++) {
		if (kept > 0 && strcmp(cache->rows[kept - 1].path, cache->rows[i].path) == 0)
			free_row(&cache->rows[i]);
		else
			cache->rows[kept++] = cache->rows[i];
	}
	cache->count = kept;
}

void catcache_read_folders(struct catcache *cache, const char *const *folders, size_t count)
{
	sqlite3_stmt *statement;
	if (!cache || sqlite3_prepare_v2(cache->db, "SELECT * FROM entries WHERE path >= ?1 AND path < ?2 ORDER BY path",
					 -1, &statement, NULL) != SQLITE_OK)
		return;
	char **kept = realloc(cache->folders, (cache->folder_count + count + 1) * sizeof(*kept));
	if (kept)
		cache->folders = kept;
	for (size_t i = 0; kept && i < count; i++) {
		char *base = folder_base(cache, folders[i]);
		if (!base)
			continue;
		cache->folders[cache->folder_count++] = base;
		read_folder(cache, statement, base);
	}
	sqlite3_finalize(statement);
	sort_rows(cache);
}

static struct catcache *open_at(const char *where)
{
	struct catcache *cache = calloc(1, sizeof(*cache));
	if (cache && sqlite3_open_v2(where, &cache->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(cache->db, 2000);
		sqlite3_exec(cache->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
		cache->cwd = getcwd(NULL, 0);
		if (prepare_schema(cache->db))
			return cache;
	}
	catcache_close(cache);
	return NULL;
}

/* A damaged cache is deleted and made again: it holds nothing that parsing
 * cannot rebuild. */
static void remove_database(const char *where)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char path[4096];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s%s", where, suffixes[i]);
		unlink(path);
	}
}

struct catcache *catcache_open(const char *path)
{
	char *owned = path ? NULL : default_path();
	const char *where = path ? path : owned;
	struct catcache *cache = NULL;

	if (where && make_parents(where)) {
		cache = open_at(where);
		if (!cache && access(where, W_OK) == 0) {
			remove_database(where);
			cache = open_at(where);
		}
	}
	free(owned);
	return cache;
}

void catcache_close(struct catcache *cache)
{
	if (!cache)
		return;
	for (size_t i = 0; i < cache->count; i++)
		free_row(&cache->rows[i]);
	free(cache->rows);
	for (size_t i = 0; i < cache->folder_count; i++)
		free(cache->folders[i]);
	free(cache->folders);
	free(cache->cwd);
	sqlite3_close(cache->db);
	free(cache);
}

static long long nanoseconds(const struct timespec *time)
{
	return (long long)time->tv_sec * 1000000000LL + time->tv_nsec;
}

static struct row *find_row(struct catcache *cache, const char *path)
{
	size_t low = 0, high = cache->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		int order = strcmp(cache->rows[middle].path, path);
		if (order == 0)
			return &cache->rows[middle];
		if (order < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return NULL;
}

bool catcache_lookup(struct catcache *cache, const char *path, const struct stat *info,
		     struct catalog_entry *entry)
{
	char buffer[4096];
	const char *key = cache ? key_of(cache, path, buffer, sizeof(buffer)) : NULL;
	struct row *row = key ? find_row(cache, key) : NULL;
	char *given = row ? strdup(path) : NULL;
	/* ctime too: cp -p, tar x and rsync -t restore the size and mtime of a
	 * rewritten file, but setting the mtime moves the ctime to now. */
	if (!given || row->size != (long long)info->st_size || row->mtime_ns != nanoseconds(&info->st_mtim) ||
	    row->ctime_ns != nanoseconds(&info->st_ctim) || row->inode != (long long)info->st_ino ||
	    row->taken || !row->entry.id || !row->entry.title || !row->entry.track || !row->entry.language ||
	    !row->entry.tags || row->entry.points < 0) {
		free(given);
		return false;
	}
	/* Each path is looked up once per load: the row's strings move to the entry. */
	*entry = row->entry;
	entry->display_id = NULL;
	entry->path = given;
	memset(&row->entry, 0, sizeof(row->entry));
	row->taken = true;
	return true;
}

static char *join_tags(const struct catalog_entry *entry)
{
	size_t length = 1;
	for (size_t i = 0; i < entry->tag_count; i++)
		length += strlen(entry->tags[i]) + 1;
	char *joined = calloc(1, length);
	char *end = joined;
	for (size_t i = 0; joined && i < entry->tag_count; i++) {
		if (i)
			*end++ = TAG_SEPARATOR;
		size_t size = strlen(entry->tags[i]);
		memcpy(end, entry->tags[i], size);
		end += size;
	}
	return joined;
}

static void bind_entry(sqlite3_stmt *s, const struct catalog_entry *e, const struct stat *info, char *tags,
		       const char *key)
{
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)info->st_size);
	sqlite3_bind_int64(s, 3, nanoseconds(&info->st_mtim));
	sqlite3_bind_int64(s, 4, nanoseconds(&info->st_ctim));
	sqlite3_bind_int64(s, 5, (sqlite3_int64)info->st_ino);
	sqlite3_bind_text(s, 6, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, e->id_explicit);
	sqlite3_bind_int(s, 8, e->id_line);
	sqlite3_bind_int(s, 9, e->id_column);
	sqlite3_bind_text(s, 10, e->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, e->track, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 12, e->track_level);
	sqlite3_bind_int(s, 13, e->track_order);
	sqlite3_bind_int(s, 14, (int)e->difficulty);
	sqlite3_bind_text(s, 15, e->language, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 16, tags ? tags : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 17, (sqlite3_int64)e->candidate_count);
	sqlite3_bind_int64(s, 18, (sqlite3_int64)e->hint_count);
	sqlite3_bind_int64(s, 19, e->points);
	sqlite3_bind_text(s, 20, e->content_hash, -1, SQLITE_STATIC);
}

void catcache_store(struct catcache *cache, const struct catalog_entry *const *entries,
		    const struct stat *infos, size_t count)
{
	sqlite3_stmt *statement;

	if (!cache || count == 0 ||
	    sqlite3_exec(cache->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return;
	if (sqlite3_prepare_v2(cache->db, "INSERT OR REPLACE INTO entries VALUES "
				"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &statement, NULL) != SQLITE_OK) {
		sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
		return;
	}
	for (size_t i = 0; i < count; i++) {
		char buffer[4096];
		const char *key = key_of(cache, entries[i]->path, buffer, sizeof(buffer));
		char *tags = key ? join_tags(entries[i]) : NULL;
		if (!tags)
			continue;
		bind_entry(statement, entries[i], &infos[i], tags, key);
		sqlite3_step(statement);
		sqlite3_reset(statement);
		free(tags);
	}
	sqlite3_finalize(statement);
	sqlite3_exec(cache->db, "COMMIT", NULL, NULL, NULL);
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void delete_path(sqlite3_stmt *statement, const char *path)
{
	sqlite3_bind_text(statement, 1, path, -1, SQLITE_STATIC);
	sqlite3_step(statement);
	sqlite3_reset(statement);
}

/* A row read under the walked folders whose path no live file has: its file
 * was deleted or renamed, or stopped loading. live is sorted. */
static bool is_dead(const struct row *row, char *const *live, size_t live_count)
{
	const char *path = row->path;
	return !bsearch(&path, live, live_count, sizeof(*live), compare_paths);
}

static size_t count_dead(const struct catcache *cache, char *const *live, size_t live_count)
{
	size_t dead = 0;
	for (size_t i = 0; i < cache->count; i++)
		dead += !cache->rows[i].taken && is_dead(&cache->rows[i], live, live_count);
	return dead;
}

/* Rows of other folders whose file is gone (a folder renamed or deleted is
 * never walked again): each is checked with one stat. */
static void sweep_other_rows(struct catcache *cache, sqlite3_stmt *statement)
{
	sqlite3_stmt *select;
	struct stat info;
	if (sqlite3_prepare_v2(cache->db, "SELECT path FROM entries", -1, &select, NULL) != SQLITE_OK)
		return;
	struct path_batch { char **items; size_t count, capacity; } gone = { NULL, 0, 0 };
	while (sqlite3_step(select) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(select, 0);
		if (!path || under_any(cache, path) || stat(path, &info) == 0 || (errno != ENOENT && errno != ENOTDIR))
			continue;
		if (gone.count == gone.capacity) {
			size_t capacity = gone.capacity ? gone.capacity * 2 : 64;
			char **items = realloc(gone.items, capacity * sizeof(*items));
			if (!items)
				break;
			gone.items = items;
			gone.capacity = capacity;
		}
		if ((gone.items[gone.count] = strdup(path)) != NULL)
			gone.count++;
	}
	sqlite3_finalize(select);
	for (size_t i = 0; i < gone.count; i++) {
		delete_path(statement, gone.items[i]);
		free(gone.items[i]);
	}
	free(gone.items);
}

/* The live paths as sorted keys, built only when some row was not taken. */
static char **live_keys(const struct catcache *cache, char *const *live, size_t live_count)
{
	char **sorted = calloc(live_count + 1, sizeof(*sorted));
	size_t keys = 0;
	while (sorted && keys < live_count && (sorted[keys] = new_key(cache, live[keys])) != NULL)
		keys++;
	if (keys < live_count) { /* out of memory: a live row might look dead */
		catalog_paths_free(sorted, keys);
		return NULL;
	}
	qsort(sorted, live_count, sizeof(*sorted), compare_paths);
	return sorted;
}

void catcache_prune(struct catcache *cache, char *const *live, size_t live_count, bool sweep)
{
	sqlite3_stmt *statement = NULL;
	size_t untaken = 0;
	for (size_t i = 0; cache && i < cache->count; i++)
		untaken += !cache->rows[i].taken;
	/* A warm load hands every row over: nothing is gone, no write lock is taken. */
	char **sorted = untaken > 0 ? live_keys(cache, live, live_count) : NULL;
	if (!cache || (untaken > 0 && !sorted) ||
	    (!sweep && (!sorted || count_dead(cache, sorted, live_count) == 0)) ||
	    sqlite3_exec(cache->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		catalog_paths_free(sorted, sorted ? live_count : 0);
		return;
	}
	if (sqlite3_prepare_v2(cache->db, "DELETE FROM entries WHERE path = ?1", -1, &statement, NULL) == SQLITE_OK) {
		for (size_t i = 0; sorted && i < cache->count; i++)
			if (!cache->rows[i].taken && is_dead(&cache->rows[i], sorted, live_count))
				delete_path(statement, cache->rows[i].path);
		if (sweep)
			sweep_other_rows(cache, statement);
	}
	sqlite3_finalize(statement);
	sqlite3_exec(cache->db, "COMMIT", NULL, NULL, NULL);
	catalog_paths_free(sorted, sorted ? live_count : 0);
}
