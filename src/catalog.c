/* The catalog: exercise files found under folders, loaded on every core, indexed
 * by id. Entries keep only what listing and lookup need. */
/* d_type in struct dirent spares a stat per file while walking folders. */
#define _DEFAULT_SOURCE
#include "review/catalog.h"
#include "review/find.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "review/catcache.h"
#include "review/loader.h"
#include "review/text.h"

#define MAX_THREADS 16
#define MIN_DISPLAY_ID 4

/* ---- Finding files ---- */

struct path_list {
	char **items;
	size_t count, capacity;
};

static bool push_path(struct path_list *list, char *path)
{
	if (!path)
		return false;
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 64;
		char **items = realloc(list->items, capacity * sizeof(*items));
		if (!items) {
			free(path);
			return false;
		}
		list->items = items;
		list->capacity = capacity;
	}
	list->items[list->count++] = path;
	return true;
}

static bool has_exercise_extension(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".txt") == 0);
}

static char *join_path(const char *folder, const char *name)
{
	size_t length = strlen(folder) + strlen(name) + 2;
	char *path = malloc(length);
	if (path)
		snprintf(path, length, "%s%s%s", folder,
			 folder[0] && folder[strlen(folder) - 1] == '/' ? "" : "/", name);
	return path;
}

/* Depth-limited so a symlink loop cannot recurse forever. */
static void walk_folder(const char *folder, int depth, struct path_list *list, struct diag_list *diags)
{
	DIR *dir = opendir(folder);
	struct dirent *entry;

	if (!dir) {
		diag_add(diags, folder, 0, 0, DIAG_ERROR, "cannot open folder");
		return;
	}
	while ((entry = readdir(dir)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		char *path = join_path(folder, entry->d_name);
		struct stat info;
		bool known = entry->d_type == DT_DIR || entry->d_type == DT_REG;
		if (!path || (!known && stat(path, &info) != 0)) {
			free(path);
			continue;
		}
		bool is_dir = known ? entry->d_type == DT_DIR : S_ISDIR(info.st_mode);
		bool is_file = known ? entry->d_type == DT_REG : S_ISREG(info.st_mode);
		if (is_dir && depth < 32)
			walk_folder(path, depth + 1, list, diags);
		if (is_file && has_exercise_extension(entry->d_name))
			push_path(list, path);
		else
			free(path);
	}
	closedir(dir);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t catalog_collect_paths(const char *path, char ***out, struct diag_list *diags)
{
	struct path_list list = { NULL, 0, 0 };
	struct stat info;

	if (stat(path, &info) != 0)
		diag_add(diags, path, 0, 0, DIAG_ERROR, "no such file or folder");
	else if (S_ISDIR(info.st_mode))
		walk_folder(path, 0, &list, diags);
	else
		push_path(&list, strdup(path));
	if (list.count > 1)
		qsort(list.items, list.count, sizeof(*list.items), compare_strings);
	*out = list.items;
	return list.count;
}

void catalog_paths_free(char **paths, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}

/* ---- Loading on every core ---- */

struct slot {
	struct stat info;
	bool cached;                 /* entry came from the cache */
	struct catalog_entry entry;  /* when cached */
	struct exercise *exercise;   /* when parsed; NULL when invalid */
	struct diag_list diags;
};

struct job {
	char **paths;
	struct slot *slots;
	size_t count;
	const struct catcache *cache; /* read-only while workers run */
	atomic_size_t next;
};

static void load_slot(const struct job *job, size_t i)
{
	struct slot *slot = &job->slots[i];
	if (stat(job->paths[i], &slot->info) == 0 &&
	    catcache_lookup(job->cache, job->paths[i], &slot->info, &slot->entry)) {
		slot->cached = true;
		return;
	}
	if (loader_load_file(job->paths[i], &slot->exercise, &slot->diags) != LOADER_OK ||
	    diag_count(&slot->diags, DIAG_ERROR) > 0) {
		exercise_free(slot->exercise);
		slot->exercise = NULL;
		return;
	}
	/* Valid, but a real candidate without lines can never be found: say so. */
	find_check(slot->exercise, DIAG_WARNING, &slot->diags);
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
	free(entry->title);
	free(entry->track);
	free(entry->language);
	for (size_t i = 0; i < entry->tag_count; i++)
		free(entry->tags[i]);
	free(entry->tags);
}

void catalog_free(struct catalog *catalog)
{
	if (!catalog)
		return;
	for (size_t i = 0; i < catalog->count; i++)
		free_entry(&catalog->entries[i]);
	free(catalog->entries);
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

/* Takes the slot's entry, cached or parsed; returns it when freshly parsed. */
static struct catalog_entry *add_slot(struct catalog *catalog, struct slot *slot)
{
	struct catalog_entry *entry = &catalog->entries[catalog->count];
	if (slot->cached) {
		*entry = slot->entry;
		catalog->count++;
		return NULL;
	}
	if (!slot->exercise)
		return NULL;
	memset(entry, 0, sizeof(*entry));
	if (!fill_entry(entry, slot->exercise)) {
		free_entry(entry);
		return NULL;
	}
	catalog->count++;
	return entry;
}

static int compare_ids(const void *a, const void *b)
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

static size_t unique_prefix(struct catalog_entry **by_id, size_t count, size_t i)
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
	qsort(by_id, catalog->count, sizeof(*by_id), compare_ids);
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
		size_t unique = entry->id_explicit ? length : unique_prefix(by_id, catalog->count, i);
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

static void collect_all(const char *const *folders, size_t folder_count, struct path_list *all,
			struct diag_list *diags)
{
	for (size_t f = 0; f < folder_count; f++) {
		char **paths = NULL;
		size_t count = catalog_collect_paths(folders[f], &paths, diags);
		for (size_t i = 0; i < count; i++)
			push_path(all, paths[i]);
		free(paths);
	}
}

struct catalog *catalog_load(const char *const *folders, size_t folder_count, struct diag_list *diags)
{
	return catalog_load_cached(folders, folder_count, NULL, diags);
}

static void take_slots(struct catalog *catalog, struct job *job, struct catcache *cache,
		       struct diag_list *diags)
{
	const struct catalog_entry **fresh = calloc(job->count + 1, sizeof(*fresh));
	struct stat *infos = calloc(job->count + 1, sizeof(*infos));
	size_t count = 0;

	for (size_t i = 0; i < job->count; i++) {
		diag_list_move(diags, &job->slots[i].diags);
		struct catalog_entry *entry = add_slot(catalog, &job->slots[i]);
		exercise_free(job->slots[i].exercise);
		if (entry && fresh && infos) {
			fresh[count] = entry;
			infos[count++] = job->slots[i].info;
		}
	}
	if (fresh && infos)
		catcache_store(cache, fresh, infos, count);
	free(fresh);
	free(infos);
}

struct catalog *catalog_load_cached(const char *const *folders, size_t folder_count,
				    struct catcache *cache, struct diag_list *diags)
{
	struct path_list all = { NULL, 0, 0 };
	struct catalog *catalog = calloc(1, sizeof(*catalog));

	if (!catalog)
		return NULL;
	collect_all(folders, folder_count, &all, diags);
	struct job job = { all.items, calloc(all.count + 1, sizeof(struct slot)), all.count, cache, 0 };
	catalog->entries = calloc(all.count + 1, sizeof(*catalog->entries));
	if (!job.slots || !catalog->entries) {
		free(job.slots);
		catalog_paths_free(all.items, all.count);
		catalog_free(catalog);
		return NULL;
	}
	load_all(&job);
	take_slots(catalog, &job, cache, diags);
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

static void append_entry(char **message, const struct catalog_entry *entry)
{
	char line[512];
	snprintf(line, sizeof(line), "\n  %-8s %.200s (%.200s)", entry->display_id, entry->title, entry->path);
	append(message, line);
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
	char head[300];
	snprintf(head, sizeof(head), "'%.200s' is ambiguous; it could be:", query);
	append(message, head);
	for (size_t i = 0; i < catalog->count; i++)
		if (match(&catalog->entries[i], query))
			append_entry(message, &catalog->entries[i]);
	return CATALOG_AMBIGUOUS;
}

static void suggest_closest(const struct catalog *catalog, const char *query, char **message)
{
	char head[300];
	size_t shown = 0;

	snprintf(head, sizeof(head), "no exercise matches '%.200s'", query);
	append(message, head);
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
	if (shown == 0)
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
