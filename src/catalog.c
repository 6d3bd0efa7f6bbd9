/* The catalog: exercise files found under folders, loaded on every core, indexed
 * by id. Entries keep only what listing and lookup need. */
/* strndup and struct stat's full fields under C11. */
#define _DEFAULT_SOURCE
#include "review/catalog.h"
#include "review/find.h"
#include "review/ignore.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog_private.h"
#include "review/catcache.h"
#include "review/loader.h"
#include "review/text.h"
#include "review/walk.h"

#define MAX_THREADS 16
#define MIN_DISPLAY_ID 4

/* ---- Finding files ---- */

struct path_list {
	char **items;
	size_t count, capacity;
	struct stat *infos;          /* each path's stat, when wanted and memory allowed */
	bool want_infos;
};

/* Appends a copy of path, and its stat when the list keeps them (on failure
 * the stats are dropped: loading then stats again). Out of memory drops the
 * path, as a walk that runs short does. */
static void push_path(struct path_list *list, const char *path, const struct stat *info)
{
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 64;
		char **items = realloc(list->items, capacity * sizeof(*items));
		if (!items)
			return;
		list->items = items;
		list->capacity = capacity;
		struct stat *infos = list->want_infos ? realloc(list->infos, capacity * sizeof(*infos)) : NULL;
		if (!infos) {
			free(list->infos);
			list->want_infos = false;
		}
		list->infos = infos;
	}
	if (!(list->items[list->count] = strdup(path)))
		return;
	if (list->infos)
		list->infos[list->count] = *info;
	list->count++;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The walk's files, less those the filter drops (filter may be NULL), with
 * each file's stat when infos is not NULL (*infos is then a new array, or NULL
 * when memory ran short). */
static size_t collect(const char *const *paths, size_t count, char ***out, struct stat **infos,
		      struct ignore_filter *filter, struct diag_list *diags)
{
	struct path_list list = { NULL, 0, 0, NULL, infos != NULL };
	struct walk *walk = walk_open(paths, count, diags);
	struct diag_list notes = DIAG_LIST_INIT; /* skipped READMEs are not news here */
	struct stat info;
	const char *path;

	while (walk && (path = walk_next(walk, &info, NULL)) != NULL)
		if (ignore_keeps(filter, path, &notes))
			push_path(&list, path, &info);
	walk_close(walk);
	diag_list_free(&notes);
	*out = list.items;
	if (infos)
		*infos = list.infos;
	return list.count;
}

size_t catalog_collect_paths(const char *const *paths, size_t count, char ***out, struct diag_list *diags)
{
	return collect(paths, count, out, NULL, NULL, diags);
}

void catalog_paths_free(char **paths, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}

/* ---- Loading on every core ---- */

/* What one file gives besides its entry, which workers write straight into
 * the catalog's array (from the cache, or parsed: the exercise is freed as
 * soon as its entry is taken, so memory holds entries, never whole exercises). */
struct slot {
	bool loaded;                 /* entries[i] is set */
	bool fresh;                  /* parsed, not cached: store it */
	struct diag_list diags;
};

struct job {
	char **paths;
	struct slot *slots;
	struct catalog_entry *entries; /* one per path, compacted afterwards */
	struct stat *infos;            /* one per path when there is a cache, else NULL */
	bool infos_known;              /* infos came from the walk */
	size_t count;
	struct catcache *cache;        /* workers take distinct rows */
	atomic_size_t next;
};

static bool fill_entry(struct catalog_entry *entry, struct exercise *exercise);
static void free_entry(struct catalog_entry *entry);

/* What an entry holds beyond its id and path. */
static void free_details(struct catalog_entry *entry)
{
	free(entry->title);
	free(entry->track);
	free(entry->language);
	for (size_t i = 0; i < entry->tag_count; i++)
		free(entry->tags[i]);
	free(entry->tags);
}

static void load_slot(const struct job *job, size_t i)
{
	struct slot *slot = &job->slots[i];
	struct catalog_entry *entry = &job->entries[i];
	struct exercise *exercise = NULL;
	if (job->infos && (job->infos_known || stat(job->paths[i], &job->infos[i]) == 0) &&
	    catcache_lookup(job->cache, job->paths[i], &job->infos[i], entry)) {
		slot->loaded = true;
		return;
	}
	enum loader_status status = loader_load_file(job->paths[i], &exercise, &slot->diags);
	if (status == LOADER_OK && diag_count(&slot->diags, DIAG_ERROR) == 0) {
		/* Valid, but a real candidate without lines can never be found: say so. */
		find_check(exercise, DIAG_WARNING, &slot->diags);
		memset(entry, 0, sizeof(*entry));
		slot->loaded = slot->fresh = fill_entry(entry, exercise);
		if (!slot->loaded)
			free_entry(entry);
	}
	exercise_free(exercise);
}

static void *load_worker(void *argument)
{
	struct job *job = argument;
	for (;;) {
		size_t i = atomic_fetch_add(&job->next, 1);
		if (i >= job->count)
			return NULL;
		load_slot(job, i);
	}
}

static void load_all(struct job *job)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS : (size_t)cores;
	pthread_t ids[MAX_THREADS];
	size_t started = 0;

	if (threads > job->count / 8 + 1)
		threads = job->count / 8 + 1;
	for (size_t t = 1; t < threads; t++)
		if (pthread_create(&ids[started], NULL, load_worker, job) == 0)
			started++;
	load_worker(job);
	for (size_t t = 0; t < started; t++)
		pthread_join(ids[t], NULL);
}

/* ---- Entries ---- */

static char *copy_or_empty(const char *text)
{
	return strdup(text ? text : "");
}

static bool fill_entry(struct catalog_entry *entry, struct exercise *exercise)
{
	entry->id = exercise->id;
	exercise->id = NULL;
	entry->path = exercise->path;
	exercise->path = NULL;
	entry->title = exercise->title;
	exercise->title = NULL;
	entry->language = exercise->language;
	exercise->language = NULL;
	entry->tags = exercise->tags;
	entry->tag_count = exercise->tag_count;
	exercise->tags = NULL;
	exercise->tag_count = 0;
	entry->id_explicit = exercise->id_explicit;
	entry->id_line = exercise->id_explicit ? exercise->id_line : 1;
	entry->id_column = exercise->id_explicit ? exercise->id_column : 1;
	entry->track = copy_or_empty(exercise->track);
	entry->track_level = exercise->track_level;
	entry->track_order = exercise->track_order;
	entry->difficulty = exercise->difficulty;
	entry->candidate_count = exercise->candidate_count;
	entry->hint_count = exercise->hint_count;
	entry->points = exercise_max_points(exercise);
	memcpy(entry->content_hash, exercise->content_hash, sizeof(entry->content_hash));
	return entry->id && entry->path && entry->title && entry->language && entry->track;
}

static void free_entry(struct catalog_entry *entry)
{
	free(entry->id);
	free(entry->display_id);
	free(entry->path);
	free_details(entry);
}

void catalog_free(struct catalog *catalog)
{
	if (!catalog)
		return;
	for (size_t i = 0; i < catalog->count; i++)
		free_entry(&catalog->entries[i]);
	free(catalog->entries);
	catalog_paths_free(catalog->broken, catalog->broken_count);
	free(catalog);
}

static int compare_entries(const void *a, const void *b)
{
	const struct catalog_entry *x = a, *y = b;
	int by_track = strcmp(x->track, y->track);
	if (by_track != 0)
		return by_track;
	if (x->track_level != y->track_level)
		return x->track_level < y->track_level ? -1 : 1;
	if (x->track_order != y->track_order)
		return x->track_order < y->track_order ? -1 : 1;
	int by_title = strcmp(x->title, y->title);
	return by_title != 0 ? by_title : strcmp(x->path, y->path);
}

int catalog_compare_ids(const void *a, const void *b)
{
	const struct catalog_entry *x = *(const struct catalog_entry *const *)a;
	const struct catalog_entry *y = *(const struct catalog_entry *const *)b;
	int by_id = strcmp(x->id, y->id);
	return by_id != 0 ? by_id : strcmp(x->path, y->path);
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

size_t catalog_unique_prefix(struct catalog_entry *const *by_id, size_t count, size_t i)
{
	const char *id = by_id[i]->id;
	size_t unique = MIN_DISPLAY_ID;
	size_t before = i, after = i + 1;

	while (before > 0 && strcmp(by_id[before - 1]->id, id) == 0)
		before--;
	while (after < count && strcmp(by_id[after]->id, id) == 0)
		after++;
	if (before > 0 && common_prefix(by_id[before - 1]->id, id) + 1 > unique)
		unique = common_prefix(by_id[before - 1]->id, id) + 1;
	if (after < count && common_prefix(by_id[after]->id, id) + 1 > unique)
		unique = common_prefix(by_id[after]->id, id) + 1;
	return unique;
}

/* The first file of an id (in path order) stays; the others are reported and
 * left without a display id, which marks them for removal. */
static void index_ids(struct catalog *catalog, struct diag_list *diags)
{
	struct catalog_entry **by_id = malloc((catalog->count + 1) * sizeof(*by_id));
	if (!by_id)
		return;
	for (size_t i = 0; i < catalog->count; i++)
		by_id[i] = &catalog->entries[i];
	qsort(by_id, catalog->count, sizeof(*by_id), catalog_compare_ids);
	size_t kept = 0;
	for (size_t i = 0; i < catalog->count; i++) {
		struct catalog_entry *entry = by_id[i];
		if (i > 0 && strcmp(by_id[kept]->id, entry->id) == 0) {
			diag_add(diags, entry->path, entry->id_line, entry->id_column, DIAG_ERROR,
				 "duplicate exercise id '%s': %s has it too", entry->id, by_id[kept]->path);
			continue;
		}
		kept = i;
		size_t length = strlen(entry->id);
		size_t unique = entry->id_explicit ? length : catalog_unique_prefix(by_id, catalog->count, i);
		entry->display_id = strndup(entry->id, unique < length ? unique : length);
	}
	free(by_id);
}

static void drop_unindexed(struct catalog *catalog)
{
	size_t kept = 0;
	for (size_t i = 0; i < catalog->count; i++) {
		if (catalog->entries[i].display_id)
			catalog->entries[kept++] = catalog->entries[i];
		else
			free_entry(&catalog->entries[i]);
	}
	catalog->count = kept;
}

static struct catalog *load(const char *const *folders, size_t folder_count, struct catcache *cache,
			     struct diag_list *diags);

struct catalog *catalog_load(const char *const *folders, size_t folder_count, struct diag_list *diags)
{
	return load(folders, folder_count, NULL, diags);
}

struct catalog *catalog_load_cached(const char *const *folders, size_t folder_count,
				    struct catcache *cache, struct diag_list *diags)
{
	return load(folders, folder_count, cache, diags);
}

/* Moves the loaded entries to the front of the array (in path order) and the
 * diagnostics to diags; stores the freshly parsed entries in the cache.
 * Returns how many were stored. */
static size_t take_slots(struct catalog *catalog, struct job *job, struct catcache *cache,
			 struct diag_list *diags)
{
	const struct catalog_entry **fresh = cache ? calloc(job->count + 1, sizeof(*fresh)) : NULL;
	size_t count = 0;

	catalog->broken = calloc(job->count + 1, sizeof(*catalog->broken));
	for (size_t i = 0; i < job->count; i++) {
		struct slot *slot = &job->slots[i];
		diag_list_move(diags, &slot->diags);
		if (!slot->loaded) {
			char *path = catalog->broken ? strdup(job->paths[i]) : NULL;
			if (path)
				catalog->broken[catalog->broken_count++] = path;
			continue;
		}
		struct catalog_entry *entry = &catalog->entries[catalog->count++];
		*entry = job->entries[i]; /* entry is at or before i: the move is in place */
		if (slot->fresh && fresh && job->infos) {
			fresh[count] = entry;
			job->infos[count++] = job->infos[i];
		}
	}
	if (fresh && job->infos)
		catcache_store(cache, fresh, job->infos, count);
	if (catalog->broken_count > 1)
		qsort(catalog->broken, catalog->broken_count, sizeof(*catalog->broken), compare_strings);
	free(fresh);
	return count;
}

struct cache_reader {
	struct catcache *cache;
	const char *const *folders;
	size_t folder_count;
};

static void *read_cache(void *argument)
{
	struct cache_reader *reader = argument;
	catcache_read_folders(reader->cache, reader->folders, reader->folder_count);
	return NULL;
}

static struct catalog *load(const char *const *folders, size_t folder_count, struct catcache *cache,
			     struct diag_list *diags)
{
	struct path_list all = { NULL, 0, 0, NULL, false };
	struct catalog *catalog = calloc(1, sizeof(*catalog));

	if (!catalog)
		return NULL;
	struct stat *infos = NULL;
	struct cache_reader reader = { cache, folders, folder_count };
	pthread_t reader_id;
	/* The cache's rows are read while the folders are walked: on a warm
	 * catalog these are most of the work, and they do not depend on each other. */
	bool reading = cache && pthread_create(&reader_id, NULL, read_cache, &reader) == 0;
	if (!reading)
		read_cache(&reader);
	/* Each file's stat matters only to the cache. What is not an exercise (a
	 * `.reviewignore`, a README without front matter: review/ignore.h) is left out. */
	struct ignore_filter *filter = ignore_filter_new(folders, folder_count);
	all.count = collect(folders, folder_count, &all.items, cache ? &infos : NULL, filter, diags);
	ignore_filter_free(filter);
	if (reading)
		pthread_join(reader_id, NULL);
	all.capacity = all.count;
	struct job job = { all.items, calloc(all.count + 1, sizeof(struct slot)), NULL, infos, infos != NULL,
			   all.count, cache, 0 };
	catalog->entries = calloc(all.count + 1, sizeof(*catalog->entries));
	job.entries = catalog->entries;
	if (cache && !job.infos)
		job.infos = calloc(all.count + 1, sizeof(*job.infos));
	if (!job.slots || !catalog->entries || (cache && !job.infos)) {
		free(job.slots);
		free(job.infos);
		catalog_paths_free(all.items, all.count);
		catalog_free(catalog);
		return NULL;
	}
	load_all(&job);
	size_t stored = take_slots(catalog, &job, cache, diags);
	free(job.infos);
	/* Only a load that parsed something looks for files gone from other folders. */
	catcache_prune(cache, all.items, all.count, stored > 0);
	catalog->file_count = all.count;
	free(job.slots);
	catalog_paths_free(all.items, all.count);
	index_ids(catalog, diags);
	drop_unindexed(catalog);
	qsort(catalog->entries, catalog->count, sizeof(*catalog->entries), compare_entries);
	return catalog;
}
/* ---- Lookup ---- */

static bool stem_equals(const char *path, const char *stem)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t length = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return strlen(stem) == length && strncmp(base, stem, length) == 0;
}

long catalog_index_of(const struct catalog *catalog, const char *id)
{
	for (size_t i = 0; i < catalog->count; i++)
		if (strcmp(catalog->entries[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* A growing message; lookup failures are rare, so simplicity wins. */
static void append(char **message, const char *text)
{
	size_t old = *message ? strlen(*message) : 0;
	char *bigger = realloc(*message, old + strlen(text) + 1);
	if (!bigger)
		return;
	strcpy(bigger + old, text);
	*message = bigger;
}

/* The message is one line per suggestion: what a file says is made one line
 * and safe (text_sanitize_line) before it joins the message, so a title can
 * neither forge a line nor reach a terminal raw. */
static char *safe_part(const char *text, size_t limit)
{
	char *safe = text_sanitize_line(text, strlen(text), NULL);
	if (safe && strlen(safe) > limit)
		strcpy(safe + limit, "...");
	return safe;
}

static void append_entry(char **message, const struct catalog_entry *entry)
{
	char line[512];
	char *id = safe_part(entry->display_id, 40), *title = safe_part(entry->title, 200);
	char *path = safe_part(entry->path, 200);
	snprintf(line, sizeof(line), "\n  %-8s %s (%s)", id ? id : "?", title ? title : "?", path ? path : "?");
	append(message, line);
	free(id), free(title), free(path);
}

static void append_quoted(char **message, const char *before, const char *query, const char *after)
{
	char *safe = safe_part(query, 200);
	append(message, before);
	append(message, safe ? safe : "?");
	append(message, after);
	free(safe);
}

typedef bool (*match_fn)(const struct catalog_entry *entry, const char *query);

static bool match_id(const struct catalog_entry *entry, const char *query)
{
	return strcmp(entry->id, query) == 0;
}

static bool match_stem(const struct catalog_entry *entry, const char *query)
{
	return stem_equals(entry->path, query);
}

static bool match_prefix(const struct catalog_entry *entry, const char *query)
{
	return strncmp(entry->id, query, strlen(query)) == 0;
}

static bool match_path(const struct catalog_entry *entry, const char *query)
{
	return strcmp(entry->path, query) == 0;
}

/* Tries one way of matching; FOUND or AMBIGUOUS end the search. */
static enum catalog_match try_match(const struct catalog *catalog, const char *query, match_fn match,
				    const struct catalog_entry **found, char **message)
{
	size_t hits = 0;
	for (size_t i = 0; i < catalog->count; i++)
		if (match(&catalog->entries[i], query) && hits++ == 0)
			*found = &catalog->entries[i];
	if (hits <= 1)
		return hits == 1 ? CATALOG_FOUND : CATALOG_NOT_FOUND;
	append_quoted(message, "'", query, "' is ambiguous; it could be:");
	for (size_t i = 0; i < catalog->count; i++)
		if (match(&catalog->entries[i], query))
			append_entry(message, &catalog->entries[i]);
	return CATALOG_AMBIGUOUS;
}

static void suggest_closest(const struct catalog *catalog, const char *query, char **message)
{
	size_t shown = 0;

	append_quoted(message, "no exercise matches '", query, "'");
	for (size_t limit = 1; limit <= 2 && shown == 0; limit++) {
		for (size_t i = 0; i < catalog->count && shown < 5; i++) {
			const struct catalog_entry *entry = &catalog->entries[i];
			if (text_edit_distance(query, entry->display_id) <= limit ||
			    text_edit_distance(query, entry->id) <= limit) {
				append(message, shown++ == 0 ? "; closest:" : "");
				append_entry(message, entry);
			}
		}
	}
	if (catalog->count == 0)
		append(message, ": the catalog is empty (give one with --exercises DIR or REVIEW_PATH)");
	else if (shown == 0)
		append(message, " (`review list` shows the catalog)");
}

enum catalog_match catalog_find(const struct catalog *catalog, const char *query,
				const struct catalog_entry **entry, char **message)
{
	static const match_fn ways[] = { match_id, match_path, match_stem, match_prefix };

	*entry = NULL;
	*message = NULL;
	for (size_t i = 0; *query && i < sizeof(ways) / sizeof(*ways); i++) {
		enum catalog_match result = try_match(catalog, query, ways[i], entry, message);
		if (result != CATALOG_NOT_FOUND)
			return result;
	}
	suggest_closest(catalog, query, message);
	return CATALOG_NOT_FOUND;
}

/* ---- Files that did not load ---- */

/* An `id: query` line in the front matter (the file does not parse, so this
 * reads lines, not YAML). Opened without blocking, like every exercise file. */
static bool declares_id(const char *path, const char *query)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat info;
	FILE *file = NULL;
	if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || !(file = fdopen(fd, "r"))) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	char line[256];
	bool found = false;
	for (int number = 1; !found && number <= 400 && fgets(line, sizeof(line), file); number++) {
		if (number > 1 && strncmp(line, "---", 3) == 0)
			break;
		if (strncmp(line, "id:", 3) != 0)
			continue;
		char *value = line + 3 + strspn(line + 3, " \t\"'");
		size_t length = strcspn(value, " \t\"'\r\n#");
		found = length == strlen(query) && strncmp(value, query, length) == 0;
	}
	fclose(file);
	return found;
}

static bool names_broken_file(const char *path, const char *query)
{
	char derived[14];
	exercise_derive_id(path, derived);
	return strcmp(path, query) == 0 || stem_equals(path, query) || strcmp(derived, query) == 0 ||
	       (strlen(query) >= MIN_DISPLAY_ID && strncmp(derived, query, strlen(query)) == 0) ||
	       declares_id(path, query);
}

const char *catalog_find_broken(const struct catalog *catalog, const char *query)
{
	for (size_t i = 0; *query && i < catalog->broken_count; i++)
		if (names_broken_file(catalog->broken[i], query))
			return catalog->broken[i];
	return NULL;
}
