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
#include <sqlite3.h>

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
	const char *folders[] = { f->folder };
	catcache_read_folders(cache, folders, 1);
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

static long count_rows(const char *cache_path, const char *where)
{
	sqlite3 *db;
	sqlite3_stmt *statement;
	char sql[512];
	long count = -1;
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM entries%s%s", where ? " WHERE " : "", where ? where : "");
	assert_int_equal(sqlite3_open_v2(cache_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &statement, NULL), SQLITE_OK);
	if (sqlite3_step(statement) == SQLITE_ROW)
		count = sqlite3_column_int64(statement, 0);
	sqlite3_finalize(statement);
	sqlite3_close(db);
	return count;
}

static struct catalog *load_folder(const char *folder, const char *cache_path)
{
	const char *folders[] = { folder };
	struct diag_list diags = DIAG_LIST_INIT;
	struct catcache *cache = catcache_open(cache_path);
	struct catalog *catalog = catalog_load_cached(folders, 1, cache, &diags);
	catcache_close(cache);
	assert_int_equal(diags.count, 0);
	diag_list_free(&diags);
	return catalog;
}

/* A deleted file's row is deleted when its folder is walked again, even by a
 * warm load that parses nothing. */
static void catcache_prunes_the_row_of_a_deleted_file(void **state)
{
	struct fixture *f = *state;
	char second[160];
	snprintf(second, sizeof(second), "%s/two.md", f->folder);
	write_exercise(second, "Second title");
	catalog_free(load(f, f->cache_path));
	assert_int_equal(count_rows(f->cache_path, NULL), 2);
	assert_int_equal(unlink(second), 0);
	struct catalog *catalog = load(f, f->cache_path);
	assert_int_equal(catalog->count, 1);
	catalog_free(catalog);
	assert_int_equal(count_rows(f->cache_path, "path LIKE '%two.md'"), 0);
	assert_int_equal(count_rows(f->cache_path, NULL), 1);
}

/* The cache grew by a catalog's rows for every folder ever listed: a catalog
 * renamed ten times left ten copies of its rows. */
static void catcache_holds_only_live_rows_after_ten_renames(void **state)
{
	struct fixture *f = *state;
	char from[128], to[128];
	snprintf(from, sizeof(from), "%s/catalog-0", f->folder);
	assert_int_equal(mkdir(from, 0700), 0);
	for (int i = 0; i < 3; i++) {
		char path[160];
		snprintf(path, sizeof(path), "%s/e%d.md", from, i);
		write_exercise(path, "A title");
	}
	for (int copy = 1; copy <= 10; copy++) {
		snprintf(to, sizeof(to), "%s/catalog-%d", f->folder, copy);
		assert_int_equal(rename(from, to), 0);
		struct catalog *catalog = load_folder(to, f->cache_path);
		assert_int_equal(catalog->count, 3);
		catalog_free(catalog);
		snprintf(from, sizeof(from), "%s", to);
	}
	assert_int_equal(count_rows(f->cache_path, NULL), 3);
	assert_int_equal(count_rows(f->cache_path, "path LIKE '%catalog-10/%'"), 3);
}

/* Only the rows under the folders asked for are read: another folder's rows
 * are not even looked at, and a name that merely starts like the folder is not under it. */
static void catcache_reads_only_the_rows_under_the_folders_asked_for(void **state)
{
	struct fixture *f = *state;
	char other[128], other_file[160], prefix_twin[128], twin_file[160];
	snprintf(other, sizeof(other), "%s-other", f->folder);
	snprintf(other_file, sizeof(other_file), "%s/x.md", other);
	snprintf(prefix_twin, sizeof(prefix_twin), "%s/sub-x", f->folder);
	snprintf(twin_file, sizeof(twin_file), "%s/y.md", prefix_twin);
	assert_int_equal(mkdir(other, 0700), 0);
	write_exercise(other_file, "Elsewhere");
	catalog_free(load_folder(other, f->cache_path));
	assert_int_equal(mkdir(prefix_twin, 0700), 0);
	write_exercise(twin_file, "Twin");
	catalog_free(load_folder(prefix_twin, f->cache_path));
	catalog_free(load(f, f->cache_path));

	char sub[128];
	snprintf(sub, sizeof(sub), "%s/sub", f->folder);
	const char *folders[] = { sub, f->exercise_path };
	struct catcache *cache = catcache_open(f->cache_path);
	catcache_read_folders(cache, folders, 2);
	struct stat info;
	struct catalog_entry entry;
	assert_int_equal(stat(other_file, &info), 0);
	assert_false(catcache_lookup(cache, other_file, &info, &entry));
	assert_int_equal(stat(twin_file, &info), 0);
	assert_false(catcache_lookup(cache, twin_file, &info, &entry)); /* sub-x is not under sub */
	assert_int_equal(stat(f->exercise_path, &info), 0);
	assert_true(catcache_lookup(cache, f->exercise_path, &info, &entry)); /* a file named as a folder */
	free(entry.id), free(entry.path), free(entry.title), free(entry.track), free(entry.language);
	for (size_t i = 0; i < entry.tag_count; i++)
		free(entry.tags[i]);
	free(entry.tags);
	catcache_close(cache);
	assert_int_equal(count_rows(f->cache_path, NULL), 3);
	char command[300];
	snprintf(command, sizeof(command), "rm -rf '%s'", other);
	assert_int_equal(system(command), 0);
}

/* Two projects each list their own "exercises" folder from their own folder:
 * keyed by relative path, the second run's sweep took the first project's rows
 * for gone (its names do not exist from there) and the first parsed again. */
static void catcache_keeps_two_projects_with_the_same_relative_folder(void **state)
{
	struct fixture *f = *state;
	char project[2][128], file[160], home[4096];
	assert_non_null(getcwd(home, sizeof(home)));
	for (int p = 0; p < 2; p++) {
		snprintf(project[p], sizeof(project[p]), "%s/project-%d", f->folder, p);
		assert_int_equal(mkdir(project[p], 0700), 0);
		snprintf(file, sizeof(file), "%s/exercises", project[p]);
		assert_int_equal(mkdir(file, 0700), 0);
		snprintf(file, sizeof(file), "%s/exercises/only-in-%d.md", project[p], p);
		write_exercise(file, p ? "Second project" : "First project");
	}
	for (int p = 0; p < 2; p++) {
		assert_int_equal(chdir(project[p]), 0);
		struct catalog *catalog = load_folder("exercises", f->cache_path);
		assert_int_equal(catalog->count, 1);
		catalog_free(catalog);
	}
	assert_int_equal(count_rows(f->cache_path, NULL), 2);
	assert_int_equal(chdir(project[0]), 0);
	struct catalog *catalog = load_folder("exercises", f->cache_path);
	assert_string_equal(catalog->entries[0].title, "First project");
	assert_string_equal(catalog->entries[0].path, "exercises/only-in-0.md");
	catalog_free(catalog);
	assert_int_equal(chdir(home), 0);
	assert_int_equal(count_rows(f->cache_path, "path LIKE '/%project-0/exercises/only-in-0.md'"), 1);
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
		cmocka_unit_test_setup_teardown(catcache_prunes_the_row_of_a_deleted_file, set_up, tear_down),
		cmocka_unit_test_setup_teardown(catcache_holds_only_live_rows_after_ten_renames, set_up, tear_down),
		cmocka_unit_test_setup_teardown(catcache_reads_only_the_rows_under_the_folders_asked_for, set_up,
						tear_down),
		cmocka_unit_test_setup_teardown(catcache_keeps_two_projects_with_the_same_relative_folder, set_up,
						tear_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
