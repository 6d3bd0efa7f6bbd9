/* Catalog tests: discovery, order, short ids, duplicates and lookup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "review/catalog.h"

static const char *const fixture_catalog[] = { FIXTURES_DIR "/catalog" };

static struct catalog *load_fixture(struct diag_list *diags)
{
	struct catalog *catalog = catalog_load(fixture_catalog, 1, diags);
	assert_non_null(catalog);
	return catalog;
}

static void catalog_skips_hidden_folders_and_orders_by_track(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = load_fixture(&diags);
	(void)state;
	assert_int_equal(diags.count, 0);
	assert_int_equal(catalog->count, 4);
	assert_int_equal(catalog->file_count, 4);
	assert_string_equal(catalog->entries[0].title, "Explicit id");
	assert_string_equal(catalog->entries[1].title, "Exercise number 3");
	assert_string_equal(catalog->entries[3].title, "Exercise number 1");
	assert_int_equal(catalog->entries[3].points, 3);
	assert_int_equal(catalog->entries[3].candidate_count, 2);
	assert_int_equal(catalog->entries[3].hint_count, 1);
	catalog_free(catalog);
	diag_list_free(&diags);
}

static void catalog_shows_derived_ids_as_short_unique_prefixes(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = load_fixture(&diags);
	(void)state;
	for (size_t i = 0; i < catalog->count; i++) {
		const struct catalog_entry *entry = &catalog->entries[i];
		assert_true(strlen(entry->display_id) >= 4);
		assert_memory_equal(entry->display_id, entry->id, strlen(entry->display_id));
		for (size_t j = 0; j < catalog->count; j++)
			if (j != i)
				assert_true(strncmp(catalog->entries[j].id, entry->display_id,
						    strlen(entry->display_id)) != 0);
	}
	assert_string_equal(catalog->entries[0].display_id, "q7x2");
	catalog_free(catalog);
	diag_list_free(&diags);
}

static void expect_found(const struct catalog *catalog, const char *query, const char *title)
{
	const struct catalog_entry *entry = NULL;
	char *message = NULL;
	assert_int_equal(catalog_find(catalog, query, &entry, &message), CATALOG_FOUND);
	assert_string_equal(entry->title, title);
	assert_null(message);
}

static void catalog_finds_by_id_prefix_stem_and_path(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = load_fixture(&diags);
	(void)state;
	expect_found(catalog, "q7x2", "Explicit id");
	expect_found(catalog, "q7", "Explicit id");
	expect_found(catalog, "ex2", "Exercise number 2");
	expect_found(catalog, catalog->entries[3].id, "Exercise number 1");
	expect_found(catalog, catalog->entries[3].display_id, "Exercise number 1");
	expect_found(catalog, catalog->entries[1].path, "Exercise number 3");
	catalog_free(catalog);
	diag_list_free(&diags);
}

static void catalog_names_closest_matches_for_an_unknown_query(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = load_fixture(&diags);
	const struct catalog_entry *entry = NULL;
	char *message = NULL;
	(void)state;
	assert_int_equal(catalog_find(catalog, "q7x3", &entry, &message), CATALOG_NOT_FOUND);
	assert_null(entry);
	assert_non_null(strstr(message, "no exercise matches 'q7x3'"));
	assert_non_null(strstr(message, "q7x2"));
	free(message);
	assert_int_equal(catalog_find(catalog, "", &entry, &message), CATALOG_NOT_FOUND);
	free(message);
	catalog_free(catalog);
	diag_list_free(&diags);
}

static void write_file(const char *path, const char *text)
{
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fputs(text, file);
	fclose(file);
}

static const char two_ids[] = "---\nid: %s\ntitle: %s\ncode: x\nissues: [{id: a, text: t, is_real: false}]\n---\n";

static void catalog_reports_duplicate_ids_naming_both_files(void **state)
{
	char folder[] = "/tmp/review-catalog-XXXXXX";
	char path[256], text[256];
	struct diag_list diags = DIAG_LIST_INIT;
	const struct catalog_entry *entry = NULL;
	char *message = NULL;
	(void)state;
	assert_non_null(mkdtemp(folder));
	const char *names[] = { "a.md", "b.md", "c.txt", "d.md" };
	const char *ids[] = { "same", "same", "abcd", "abce" };
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", folder, names[i]);
		snprintf(text, sizeof(text), two_ids, ids[i], names[i]);
		write_file(path, text);
	}
	const char *folders[] = { folder };
	struct catalog *catalog = catalog_load(folders, 1, &diags);
	assert_int_equal(catalog->count, 3);
	assert_int_equal(diags.count, 1);
	assert_non_null(strstr(diags.items[0].file, "b.md"));
	assert_int_equal(diags.items[0].line, 2);
	assert_non_null(strstr(diags.items[0].message, "duplicate exercise id 'same'"));
	assert_non_null(strstr(diags.items[0].message, "a.md"));
	assert_int_equal(catalog_find(catalog, "abc", &entry, &message), CATALOG_AMBIGUOUS);
	assert_non_null(strstr(message, "abcd"));
	assert_non_null(strstr(message, "abce"));
	free(message);
	catalog_free(catalog);
	diag_list_free(&diags);
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", folder, names[i]);
		unlink(path);
	}
	rmdir(folder);
}

static void catalog_leaves_invalid_files_out_and_reports_them(void **state)
{
	const char *folders[] = { FIXTURES_DIR "/invalid", FIXTURES_DIR "/catalog" };
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = catalog_load(folders, 2, &diags);
	(void)state;
	assert_int_equal(catalog->count, 6); /* the catalog and the fixtures with warnings only */
	assert_int_equal(catalog->file_count, 70); /* one more with each new fixture */
	assert_true(diag_count(&diags, DIAG_ERROR) >= 40);
	catalog_free(catalog);
	diag_list_free(&diags);
}

static void catalog_reports_a_missing_folder(void **state)
{
	const char *folders[] = { "/nonexistent/exercises" };
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = catalog_load(folders, 1, &diags);
	(void)state;
	assert_int_equal(catalog->count, 0);
	assert_int_equal(diags.count, 1);
	assert_non_null(strstr(diags.items[0].message, "no such file or folder"));
	catalog_free(catalog);
	diag_list_free(&diags);
}

static void make_folder(char *folder)
{
	assert_non_null(mkdtemp(folder));
}

static void remove_folder(const char *folder)
{
	char command[300];
	snprintf(command, sizeof(command), "rm -rf '%s'", folder);
	assert_int_equal(system(command), 0);
}

static void write_in(const char *folder, const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", folder, name);
	write_file(path, text);
}

static void link_in(const char *folder, const char *name, const char *target)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", folder, name);
	assert_int_equal(symlink(target, path), 0);
}

/* Two links to the folder itself and one to its parent: before the walk kept
 * (device, inode) pairs, this listed 2^32 paths. */
static void catalog_walks_each_folder_once_through_link_loops(void **state)
{
	char folder[] = "/tmp/review-loop-XXXXXX";
	char sub[320];
	struct diag_list diags = DIAG_LIST_INIT;
	(void)state;
	make_folder(folder);
	write_in(folder, "alpha.md", "---\nid: alpha\ntitle: A\ncode: x\nissues: [{id: a, text: t, is_real: false}]\n---\n");
	link_in(folder, "a", ".");
	link_in(folder, "b", ".");
	snprintf(sub, sizeof(sub), "%s/sub", folder);
	assert_int_equal(mkdir(sub, 0700), 0);
	link_in(sub, "up", "..");
	const char *folders[] = { folder };
	struct catalog *catalog = catalog_load(folders, 1, &diags);
	assert_int_equal(diags.count, 0);
	assert_int_equal(catalog->file_count, 1);
	assert_int_equal(catalog->count, 1);
	catalog_free(catalog);
	diag_list_free(&diags);
	remove_folder(folder);
}

/* `check d d/alpha.md`, `--exercises d --exercises d`: one file, no duplicate id,
 * and the path shown is the one the user gave. */
static void catalog_lists_a_file_reached_twice_once(void **state)
{
	char folder[] = "/tmp/review-twice-XXXXXX";
	char file[320];
	struct diag_list diags = DIAG_LIST_INIT;
	char **paths = NULL;
	(void)state;
	make_folder(folder);
	write_in(folder, "alpha.md", "---\nid: alpha\ntitle: A\ncode: x\nissues: [{id: a, text: t, is_real: false}]\n---\n");
	link_in(folder, "zlink.md", "alpha.md");
	snprintf(file, sizeof(file), "%s/alpha.md", folder);
	const char *given[] = { folder, folder, file };
	size_t count = catalog_collect_paths(given, 3, &paths, &diags);
	assert_int_equal(count, 1);
	assert_string_equal(paths[0], file);
	catalog_paths_free(paths, count);
	struct catalog *catalog = catalog_load(given, 3, &diags);
	assert_int_equal(diags.count, 0);
	assert_int_equal(catalog->count, 1);
	assert_string_equal(catalog->entries[0].path, file);
	catalog_free(catalog);
	diag_list_free(&diags);
	remove_folder(folder);
}

/* A FIFO would block the reader forever: it is reported, never opened. */
static void catalog_reports_a_fifo_without_opening_it(void **state)
{
	char folder[] = "/tmp/review-fifo-XXXXXX";
	char fifo[320];
	struct diag_list diags = DIAG_LIST_INIT;
	(void)state;
	make_folder(folder);
	snprintf(fifo, sizeof(fifo), "%s/pipe.md", folder);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	const char *in_folder[] = { folder };
	struct catalog *catalog = catalog_load(in_folder, 1, &diags);
	assert_int_equal(catalog->count, 0);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].file, fifo);
	assert_non_null(strstr(diags.items[0].message, "not a regular file"));
	catalog_free(catalog);
	diag_list_free(&diags);
	const char *named[] = { fifo };
	catalog = catalog_load(named, 1, &diags);
	assert_int_equal(diags.count, 1);
	assert_non_null(strstr(diags.items[0].message, "not a regular file"));
	catalog_free(catalog);
	diag_list_free(&diags);
	remove_folder(folder);
}

/* A whole catalog's diagnostics are sorted at once: by file, line and column,
 * equal positions kept in the order they were found. */
static void diag_sort_orders_thousands_stably(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	(void)state;
	for (int i = 999; i >= 0; i--) {
		diag_add(&diags, "f", i % 7 + 1, 1, DIAG_ERROR, "file %03d first", i);
		char file[16];
		snprintf(file, sizeof(file), "f%03d", i);
		diag_add(&diags, file, 2, 3, DIAG_WARNING, "first");
		diag_add(&diags, file, 2, 3, DIAG_ERROR, "second");
		diag_add(&diags, file, 1, 9, DIAG_ERROR, "earlier");
	}
	diag_list_sort(&diags);
	assert_int_equal(diags.count, 4000);
	for (size_t i = 1; i < diags.count; i++) {
		const struct diag *a = &diags.items[i - 1], *b = &diags.items[i];
		int order = strcmp(a->file, b->file);
		assert_true(order < 0 || (order == 0 && (a->line < b->line ||
							 (a->line == b->line && a->column <= b->column))));
	}
	/* File "f", line 1: the ones added first (i = 999, 992, ...) stay first. */
	assert_string_equal(diags.items[0].message, "file 994 first");
	assert_string_equal(diags.items[1].message, "file 987 first");
	for (size_t i = 1000; i < diags.count; i += 3) {
		assert_string_equal(diags.items[i].message, "earlier");
		assert_string_equal(diags.items[i + 1].message, "first");
		assert_string_equal(diags.items[i + 2].message, "second");
	}
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalog_skips_hidden_folders_and_orders_by_track),
		cmocka_unit_test(catalog_shows_derived_ids_as_short_unique_prefixes),
		cmocka_unit_test(catalog_finds_by_id_prefix_stem_and_path),
		cmocka_unit_test(catalog_names_closest_matches_for_an_unknown_query),
		cmocka_unit_test(catalog_reports_duplicate_ids_naming_both_files),
		cmocka_unit_test(catalog_leaves_invalid_files_out_and_reports_them),
		cmocka_unit_test(catalog_reports_a_missing_folder),
		cmocka_unit_test(catalog_walks_each_folder_once_through_link_loops),
		cmocka_unit_test(catalog_lists_a_file_reached_twice_once),
		cmocka_unit_test(catalog_reports_a_fifo_without_opening_it),
		cmocka_unit_test(diag_sort_orders_thousands_stably),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
