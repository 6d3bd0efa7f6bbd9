/* Checking a catalog's files in flat memory. Workers load and check files in
 * turn, each file's model freed at once; results are taken as they come
 * (review/pool.h): the diagnostics are sorted at the end anyway, and a worker
 * that waited for a slower one to keep the order would leave its core idle.
 * What duplicate ids and display ids need of every file is its id: a 64-bit
 * hash of it is kept, and the few files whose hashes collide are loaded again
 * to compare the ids themselves. Display ids depend on the other
 * ids too, but only ids that begin like one of the names asked for can
 * display as one, so only those are kept whole. */
#define _DEFAULT_SOURCE /* strndup under C11 */
#include "review/catcheck.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_private.h"
#include "review/find.h"
#include "review/idhash.h"
#include "review/ignore.h"
#include "review/loader.h"
#include "review/pool.h"
#include "review/walk.h"

struct file_result {
	struct diag_list diags;
	uint64_t id_hash;                /* 0: the file did not load */
	struct catalog_entry *notable;   /* its id begins like a name: kept whole */
};

struct notable {
	struct catalog_entry entry;      /* first: an entry's address is its notable's */
	size_t index;                    /* its file */
};

struct check {
	const struct catcheck_source *source;
	struct walk *walk;               /* the files, handed to the workers as found */
	struct ignore_filter *filter;
	size_t count;                    /* files found so far */
	const char *const *names;
	size_t name_count;
	struct diag_list *diags;
	struct id_hash_list *hashes;     /* per file; 0 when it did not load or lost its id */
	struct notable *notable;         /* ids that begin like a name */
	size_t notable_count, notable_capacity;
	bool out_of_memory;
};

/* An id that shares with a name all but the name's last character can have
 * that name as its display id, or be the neighbour that decides whether
 * another id does; no other id can (see catalog_unique_prefix). */
static bool near_a_name(const struct check *check, const char *id)
{
	for (size_t i = 0; i < check->name_count; i++) {
		size_t length = strlen(check->names[i]);
		if (strncmp(id, check->names[i], length > 1 ? length - 1 : length) == 0)
			return true;
	}
	return false;
}

/* The entry of a loaded file, its id moved out of the exercise. */
static struct catalog_entry *entry_of(struct exercise *exercise, const char *path)
{
	struct catalog_entry *entry = calloc(1, sizeof(*entry));
	if (!entry)
		return NULL;
	*entry = (struct catalog_entry){ .id = exercise->id, .id_explicit = exercise->id_explicit,
					 .id_line = exercise->id_explicit ? exercise->id_line : 1,
					 .id_column = exercise->id_explicit ? exercise->id_column : 1,
					 .path = strdup(path) };
	exercise->id = NULL;
	if (!entry->path) {
		free(entry->id);
		free(entry);
		return NULL;
	}
	return entry;
}

/* Loads one file: true when it is valid (*exercise is then set). */
static bool load_entry(const char *path, struct diag_list *diags, struct exercise **exercise)
{
	return loader_load_file_unhashed(path, exercise, diags) == LOADER_OK && *exercise &&
	       diag_count(diags, DIAG_ERROR) == 0;
}

/* The next file the walk keeps (a new string in *job), told to the caller. */
static bool claim_file(void *context, size_t index, void **job)
{
	struct check *check = context;
	const char *path;
	(void)index;
	while ((path = walk_next(check->walk, NULL, NULL)) != NULL) {
		if (!ignore_keeps(check->filter, path, check->source->notes))
			continue;
		if (!(*job = strdup(path))) {
			check->out_of_memory = true;
			return false;
		}
		check->count++;
		if (check->source->listed)
			check->source->listed(check->source->context, path);
		return true;
	}
	return false;
}

static void *check_file(void *context, size_t index, void *job)
{
	const struct check *check = context;
	const char *path = job;
	struct file_result *result = calloc(1, sizeof(*result));
	struct exercise *exercise = NULL;
	(void)index;
	if (!result) {
		free(job);
		return NULL;
	}
	if (load_entry(path, &result->diags, &exercise)) {
		/* Valid, but a real candidate without lines can never be found: say so. */
		find_check(exercise, DIAG_WARNING, &result->diags);
		result->id_hash = id_hash(exercise->id);
		if (near_a_name(check, exercise->id)) {
			result->notable = entry_of(exercise, path);
			if (!result->notable)
				result->id_hash = 0;
		}
	}
	exercise_free(exercise);
	free(job);
	return result;
}

static bool keep_notable(struct check *check, struct catalog_entry *entry, size_t index)
{
	if (check->notable_count == check->notable_capacity) {
		size_t capacity = check->notable_capacity ? check->notable_capacity * 2 : 16;
		struct notable *notable = realloc(check->notable, capacity * sizeof(*notable));
		if (!notable)
			return false;
		check->notable = notable;
		check->notable_capacity = capacity;
	}
	check->notable[check->notable_count++] = (struct notable){ *entry, index };
	return true;
}

static void take_file(void *context, size_t index, void *argument)
{
	struct check *check = context;
	struct file_result *result = argument;
	if (!result) {
		check->out_of_memory = true;
		return;
	}
	diag_list_move(check->diags, &result->diags);
	if (result->id_hash && !id_hash_list_set(check->hashes, index, result->id_hash)) {
		check->out_of_memory = true;
		result->id_hash = 0;
	}
	if (result->notable && !keep_notable(check, result->notable, index)) {
		check->out_of_memory = true;
		free(result->notable->id);
		free(result->notable->path);
	}
	free(result->notable);
	free(result);
}

/* ---- Duplicate ids ---- */

/* A file whose id hash another file has, with its path from a second walk. */
struct wanted {
	size_t index;
	char *path;        /* NULL when the second walk did not find it */
};

static int compare_wanted(const void *a, const void *b)
{
	const struct wanted *x = a, *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The paths of the wanted files (sorted by index), by walking again: only the
 * files' hashes were kept, not their paths. A file added, removed or changed
 * between the walks is left as it now is: its id is compared as the file now
 * stands, or not at all when it is gone or its place went to another file. */
static bool find_paths(const struct check *check, struct wanted *wanted, size_t count)
{
	struct diag_list ignored = DIAG_LIST_INIT;
	struct walk *walk = walk_open(check->source->roots, check->source->root_count, &ignored);
	struct ignore_filter *filter = ignore_filter_new(check->source->roots, check->source->root_count);
	const char *path;
	bool ok = walk != NULL;
	for (size_t index = 0, next = 0; walk && next < count && (path = walk_next(walk, NULL, NULL)) != NULL;) {
		if (!ignore_keeps(filter, path, &ignored))
			continue;
		if (index++ != wanted[next].index)
			continue;
		ok = (wanted[next++].path = strdup(path)) != NULL && ok;
	}
	ignore_filter_free(filter);
	walk_close(walk);
	diag_list_free(&ignored);
	return ok;
}

static const char *path_of(const struct wanted *wanted, size_t count, size_t index)
{
	struct wanted key = { index, NULL };
	const struct wanted *found = bsearch(&key, wanted, count, sizeof(*wanted), compare_wanted);
	return found ? found->path : NULL;
}

/* Files whose id hashes are equal, loaded again for their ids: the first of
 * each id in path order keeps it, the others are reported and lose it. A file
 * that no longer loads, or changed, is left as it now is. */
static bool resolve_collision(struct check *check, const struct id_hash_key *keys, size_t count,
			      const struct wanted *wanted, size_t wanted_count)
{
	struct catalog_entry *entries = calloc(count, sizeof(*entries));
	struct catalog_entry **by_id = calloc(count, sizeof(*by_id));
	size_t *file_of = calloc(count, sizeof(*file_of)); /* the file of each entry */
	size_t loaded = 0;
	for (size_t i = 0; entries && by_id && file_of && i < count; i++) {
		struct diag_list ignored = DIAG_LIST_INIT;
		struct exercise *exercise = NULL;
		const char *path = path_of(wanted, wanted_count, keys[i].index);
		if (path && load_entry(path, &ignored, &exercise)) {
			entries[loaded] = (struct catalog_entry){
				.id = exercise->id, .path = (char *)path,
				.id_line = exercise->id_explicit ? exercise->id_line : 1,
				.id_column = exercise->id_explicit ? exercise->id_column : 1 };
			exercise->id = NULL;
			file_of[loaded] = keys[i].index;
			by_id[loaded] = &entries[loaded];
			loaded++;
		}
		exercise_free(exercise);
		diag_list_free(&ignored);
	}
	if (loaded > 1)
		qsort(by_id, loaded, sizeof(*by_id), catalog_compare_ids);
	for (size_t i = 1, kept = 0; i < loaded; i++) {
		if (strcmp(by_id[i]->id, by_id[kept]->id) != 0) {
			kept = i;
			continue;
		}
		diag_add(check->diags, by_id[i]->path, by_id[i]->id_line, by_id[i]->id_column, DIAG_ERROR,
			 "duplicate exercise id '%s': %s has it too", by_id[i]->id, by_id[kept]->path);
		id_hash_list_set(check->hashes, file_of[by_id[i] - entries], 0); /* its block is there */
	}
	for (size_t i = 0; i < loaded; i++)
		free(entries[i].id);
	bool ok = entries && by_id && file_of;
	free(entries);
	free(by_id);
	free(file_of);
	return ok;
}

/* Every file of a shared hash, sorted by file, with its path. */
static struct wanted *colliding_files(struct check *check, const struct id_hash_key *keys, size_t count)
{
	struct wanted *wanted = calloc(count + 1, sizeof(*wanted));
	if (!wanted)
		return NULL;
	for (size_t i = 0; i < count; i++)
		wanted[i] = (struct wanted){ keys[i].index, NULL };
	qsort(wanted, count, sizeof(*wanted), compare_wanted);
	if (count > 0 && !find_paths(check, wanted, count)) {
		for (size_t i = 0; i < count; i++)
			free(wanted[i].path);
		free(wanted);
		return NULL;
	}
	return wanted;
}

static bool find_duplicates(struct check *check)
{
	size_t count = 0;
	struct id_hash_key *keys = id_hash_list_collisions(check->hashes, check->count, &count);
	if (!keys)
		return false;
	struct wanted *wanted = colliding_files(check, keys, count);
	bool ok = wanted != NULL;
	for (size_t first = 0, end = 0; wanted && id_hash_next_collision(keys, count, &first, &end);)
		ok = resolve_collision(check, keys + first, end - first, wanted, count) && ok;
	for (size_t i = 0; wanted && i < count; i++)
		free(wanted[i].path);
	free(wanted);
	free(keys);
	return ok;
}

/* ---- Display ids ---- */

static bool is_name(const struct check *check, const char *text)
{
	for (size_t i = 0; i < check->name_count; i++)
		if (strcmp(text, check->names[i]) == 0)
			return true;
	return false;
}

/* Sets the display id of every notable file that kept its id, over the
 * notable ids as a whole (the only ones that can decide it, see near_a_name). */
static bool set_display_ids(struct check *check)
{
	struct catalog_entry **by_id = calloc(check->notable_count + 1, sizeof(*by_id));
	if (!by_id)
		return false;
	for (size_t i = 0; i < check->notable_count; i++)
		by_id[i] = &check->notable[i].entry;
	qsort(by_id, check->notable_count, sizeof(*by_id), catalog_compare_ids);
	bool ok = true;
	for (size_t i = 0; i < check->notable_count; i++) {
		struct catalog_entry *entry = by_id[i];
		if (id_hash_list_get(check->hashes, ((struct notable *)entry)->index) == 0)
			continue;
		size_t length = strlen(entry->id);
		size_t unique = entry->id_explicit ? length
						   : catalog_unique_prefix(by_id, check->notable_count, i);
		entry->display_id = strndup(entry->id, unique < length ? unique : length);
		ok = entry->display_id && ok;
	}
	free(by_id);
	return ok;
}

static int compare_files(const void *a, const void *b)
{
	const struct notable *x = a, *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Moves the notable entries displayed as a name to a catalog, in file order. */
static struct catalog *named_entries(struct check *check)
{
	if (check->notable_count > 1)
		qsort(check->notable, check->notable_count, sizeof(*check->notable), compare_files);
	struct catalog *catalog = calloc(1, sizeof(*catalog));
	if (catalog)
		catalog->entries = calloc(check->notable_count + 1, sizeof(*catalog->entries));
	if (catalog && !catalog->entries) {
		free(catalog);
		catalog = NULL;
	}
	for (size_t i = 0; i < check->notable_count; i++) {
		struct catalog_entry *entry = &check->notable[i].entry;
		if (catalog && entry->display_id && is_name(check, entry->display_id)) {
			catalog->entries[catalog->count++] = *entry;
			continue;
		}
		free(entry->id);
		free(entry->display_id);
		free(entry->path);
	}
	if (catalog)
		catalog->file_count = check->count;
	return catalog;
}

struct catalog *catcheck_walk(const struct catcheck_source *source, const char *const *names,
			      size_t name_count, struct diag_list *diags)
{
	struct check check = { .source = source, .walk = walk_open(source->roots, source->root_count, diags),
			       .filter = ignore_filter_new(source->roots, source->root_count),
			       .names = names, .name_count = name_count, .diags = diags,
			       .hashes = id_hash_list_new() };
	static const struct pool_ops ops = { check_file, take_file, claim_file };
	if (check.walk && check.hashes)
		pool_run(&ops, &check, SIZE_MAX, 0);
	/* The set of files reached goes before duplicates are looked for: the
	 * two are the largest blocks, and need not be held at once. */
	bool ok = check.walk && check.hashes && !walk_out_of_memory(check.walk) && !check.out_of_memory;
	walk_close(check.walk);
	ignore_filter_free(check.filter);
	ok = ok && find_duplicates(&check) && set_display_ids(&check);
	struct catalog *catalog = named_entries(&check);
	free(check.notable);
	id_hash_list_free(check.hashes);
	if (!ok) {
		catalog_free(catalog);
		return NULL;
	}
	return catalog;
}
