/* Catalog cache tests: a warm load equals a cold one, a changed file is parsed
 * again, and a broken or unusable cache only costs speed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "review/catcache.h"

struct fixture {
	char folder[64];
	char cache_path[128];
	char exercise_path[128];
};

static void write_exercise(const char *path, const char *title)
{
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fprintf(file, "---\ntitle: %s\ntrack: t\ntags: [a, b]\ncode: x\nissues: [{id: a, text: t, is_real: true, severity: bug, points: 4, lines: 1}]\n---\n", title);
	fclose(file);
}

static int set_up(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->folder, sizeof(f->folder), "/tmp/review-catcache-XXXXXX");
	if (!mkdtemp(f->folder))
		return -1;
	snprintf(f->cache_path, sizeof(f->cache_path), "%s/cache/catalog.db", f->folder);
	snprintf(f->exercise_path, sizeof(f->exercise_path), "%s/one.md", f->folder);
	write_exercise(f->exercise_path, "First title");
	*state = f;
	return 0;
}

static int tear_down(void **state)
{
	struct fixture *f = *state;
	char command[256];
	snprintf(command, sizeof(command), "rm -rf '%s'", f->folder);
	int status = system(command);
	free(f);
	return status == 0 ? 0 : -1;
}

static struct catalog *load(struct fixture *f, const char *cache_path)
{
	const char *folders[] = { f->folder };
	struct diag_list diags = DIAG_LIST_INIT;
	struct catcache *cache = catcache_open(cache_path);
	struct catalog *catalog = catalog_load_cached(folders, 1, cache, &diags);
	catcache_close(cache);
	assert_int_equal(diags.count, 0);
	diag_list_free(&diags);
	return catalog;
}

static void catcache_warm_load_equals_cold_load(void **state)
{
	struct fixture *f = *state;
	struct catalog *cold = load(f, f->cache_path);
	struct catalog *warm = load(f, f->cache_path);
	assert_int_equal(warm->count, 1);
	const struct catalog_entry *a = &cold->entries[0], *b = &warm->entries[0];
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->display_id, b->display_id);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->track, b->track);
	assert_string_equal(a->language, b->language);
	assert_int_equal(b->tag_count, 2);
	assert_string_equal(b->tags[1], "b");
	assert_int_equal(a->points, b->points);
	assert_int_equal(b->points, 4);
	assert_string_equal(a->content_hash, b->content_hash);
	catalog_free(cold);
	catalog_free(warm);
}

static void catcache_parses_a_changed_file_again(void **state)
{
	struct fixture *f = *state;
	catalog_free(load(f, f->cache_path));
	sleep(0); /* mtime has nanoseconds; the size changes too */
	write_exercise(f->exercise_path, "A changed and longer title");
	struct catalog *catalog = load(f, f->cache_path);
	assert_string_equal(catalog->entries[0].title, "A changed and longer title");
	catalog_free(catalog);
}

/* cp -p, tar x and rsync -t --inplace rewrite a file and put its mtime back;
 * only the ctime (which setting the mtime moves to now) tells. */
static void catcache_parses_a_file_rewritten_with_its_mtime_restored(void **state)
{
	struct fixture *f = *state;
	struct stat before, after;
	catalog_free(load(f, f->cache_path));
	assert_int_equal(stat(f->exercise_path, &before), 0);
	/* File times come from a coarse clock: rewrite until the ctime moves on,
	 * as it does for any rewrite a little later than the cached one. */
	for (int tries = 0; tries < 10000; tries++) {
		write_exercise(f->exercise_path, "Other title"); /* as long as "First title" */
		struct timespec times[2] = { before.st_atim, before.st_mtim };
		assert_int_equal(utimensat(AT_FDCWD, f->exercise_path, times, 0), 0);
		assert_int_equal(stat(f->exercise_path, &after), 0);
		if (after.st_ctim.tv_sec != before.st_ctim.tv_sec || after.st_ctim.tv_nsec != before.st_ctim.tv_nsec)
			break;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	assert_int_equal(after.st_size, before.st_size);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_memory_equal(&after.st_mtim, &before.st_mtim, sizeof(after.st_mtim));
	struct catalog *catalog = load(f, f->cache_path);
	assert_string_equal(catalog->entries[0].title, "Other title");
	catalog_free(catalog);
}

static void catcache_replaces_a_damaged_database_silently(void **state)
{
	struct fixture *f = *state;
	catalog_free(load(f, f->cache_path));
	FILE *file = fopen(f->cache_path, "w");
	fputs("this is not a database", file);
	fclose(file);
	struct catalog *catalog = load(f, f->cache_path);
	assert_int_equal(catalog->count, 1);
	assert_string_equal(catalog->entries[0].title, "First title");
	catalog_free(catalog);
	struct catcache *cache = catcache_open(f->cache_path);
	assert_non_null(cache);
	struct stat info;
	struct catalog_entry entry;
	assert_int_equal(stat(f->exercise_path, &info), 0);
	assert_true(catcache_lookup(cache, f->exercise_path, &info, &entry));
	assert_string_equal(entry.title, "First title");
	free(entry.id), free(entry.path), free(entry.title), free(entry.track), free(entry.language);
	for (size_t i = 0; i < entry.tag_count; i++)
		free(entry.tags[i]);
	free(entry.tags);
	catcache_close(cache);
}

static void catcache_unusable_path_costs_only_speed(void **state)
{
	struct fixture *f = *state;
	char path[160];
	snprintf(path, sizeof(path), "%s/one.md/below/catalog.db", f->folder); /* under a file */
	assert_null(catcache_open(path));
	struct catalog *catalog = load(f, path);
	assert_int_equal(catalog->count, 1);
	catalog_free(catalog);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(catcache_warm_load_equals_cold_load, set_up, tear_down),
		cmocka_unit_test_setup_teardown(catcache_parses_a_changed_file_again, set_up, tear_down),
		cmocka_unit_test_setup_teardown(catcache_parses_a_file_rewritten_with_its_mtime_restored, set_up,
						tear_down),
		cmocka_unit_test_setup_teardown(catcache_replaces_a_damaged_database_silently, set_up, tear_down),
		cmocka_unit_test_setup_teardown(catcache_unusable_path_costs_only_speed, set_up, tear_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
