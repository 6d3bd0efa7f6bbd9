/* Checking a catalog in flat memory finds what a full load finds: the same
 * duplicate ids reported the same way, however far apart the files, and the
 * same display ids for the ids that begin like the names asked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "review/catalog.h"
#include "review/catcheck.h"

#define FILES 600

static const char exercise[] = "---\n%s%s%stitle: T%d\ncode: x\nissues: [{id: a, text: t, is_real: false}]\n---\n";

static void write_exercise(const char *folder, int n, const char *id)
{
	char path[300];
	snprintf(path, sizeof(path), "%s/e%04d.md", folder, n);
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fprintf(file, exercise, id ? "id: " : "", id ? id : "", id ? "\n" : "", n);
	fclose(file);
}

static void remove_folder(const char *folder)
{
	char command[300];
	snprintf(command, sizeof(command), "rm -rf '%s'", folder);
	assert_int_equal(system(command), 0);
}

/* Ids around the names, duplicates near and far (the first and the last file
 * share one), and derived ids for the rest. */
static const char *id_of(int n)
{
	static const char *const explicit[] = { "same", "list", "lis", "lista", "listb", "show", "showing",
						"check", "check", "smoketest", "help", "new", "ne", "same" };
	if (n == FILES - 1)
		return "same";
	if (n % 40 < 14)
		return n / 40 == 3 ? explicit[n % 40] : n / 40 == 7 && n % 40 < 2 ? "neardup" : NULL;
	return NULL;
}

static void make_catalog(char *folder)
{
	assert_non_null(mkdtemp(folder));
	for (int n = 0; n < FILES; n++)
		write_exercise(folder, n, id_of(n));
}

static int compare_diags(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int by_file = strcmp(x->file, y->file);
	return by_file ? by_file : strcmp(x->message, y->message);
}

static void assert_same_diags(struct diag_list *a, struct diag_list *b)
{
	qsort(a->items, a->count, sizeof(*a->items), compare_diags);
	qsort(b->items, b->count, sizeof(*b->items), compare_diags);
	assert_int_equal(a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		assert_string_equal(a->items[i].file, b->items[i].file);
		assert_int_equal(a->items[i].line, b->items[i].line);
		assert_int_equal(a->items[i].column, b->items[i].column);
		assert_string_equal(a->items[i].message, b->items[i].message);
	}
}

/* Every entry of the full catalog whose display id is a name, and only those. */
static void assert_named_like_full(const struct catalog *full, const struct catalog *named,
				   const char *const *names, size_t name_count)
{
	size_t expected = 0;
	for (size_t i = 0; i < full->count; i++) {
		const struct catalog_entry *entry = &full->entries[i];
		bool is_name = false;
		for (size_t n = 0; n < name_count; n++)
			is_name = is_name || strcmp(entry->display_id, names[n]) == 0;
		if (!is_name)
			continue;
		expected++;
		bool found = false;
		for (size_t j = 0; j < named->count; j++) {
			const struct catalog_entry *other = &named->entries[j];
			if (strcmp(other->path, entry->path) != 0)
				continue;
			found = true;
			assert_string_equal(other->id, entry->id);
			assert_string_equal(other->display_id, entry->display_id);
			assert_int_equal(other->id_line, entry->id_line);
			assert_int_equal(other->id_column, entry->id_column);
		}
		assert_true(found);
	}
	assert_int_equal(named->count, expected);
	for (size_t j = 1; j < named->count; j++)
		assert_true(strcmp(named->entries[j - 1].path, named->entries[j].path) < 0);
}

/* Told each file as found: they come once each, in path order. */
struct listing {
	size_t count;
	char last[320];
	bool in_order;
};

static void listed(void *context, const char *path)
{
	struct listing *listing = context;
	listing->in_order = listing->in_order && strcmp(listing->last, path) < 0;
	snprintf(listing->last, sizeof(listing->last), "%s", path);
	listing->count++;
}

static void check_against_full(const char *const *names, size_t name_count)
{
	char folder[] = "/tmp/review-catcheck-XXXXXX";
	make_catalog(folder);
	const char *folders[] = { folder };
	struct diag_list full_diags = DIAG_LIST_INIT, diags = DIAG_LIST_INIT;
	struct catalog *full = catalog_load(folders, 1, &full_diags);
	const char *const *use = names;
	const char **all = NULL;
	if (!names) { /* every display id of the full load */
		all = calloc(full->count, sizeof(*all));
		assert_non_null(all);
		for (size_t i = 0; i < full->count; i++)
			all[i] = full->entries[i].display_id;
		use = all;
		name_count = full->count;
	}
	struct diag_list notes = DIAG_LIST_INIT;
	struct listing listing = { 0, "", true };
	struct catcheck_source source = { folders, 1, &notes, listed, &listing };
	struct catalog *named = catcheck_walk(&source, use, name_count, &diags);
	assert_non_null(full);
	assert_non_null(named);
	assert_int_equal(listing.count, FILES);
	assert_true(listing.in_order);
	assert_int_equal(named->file_count, FILES);
	assert_int_equal(notes.count, 0);
	assert_int_equal(diag_count(&full_diags, DIAG_ERROR), 4); /* same twice, check, neardup */
	assert_same_diags(&full_diags, &diags);
	assert_named_like_full(full, named, use, name_count);
	free(all);
	catalog_free(named);
	catalog_free(full);
	diag_list_free(&full_diags);
	diag_list_free(&diags);
	remove_folder(folder);
}

static void catcheck_finds_the_duplicates_and_verb_ids_of_a_full_load(void **state)
{
	static const char *const verbs[] = { "list", "show", "check", "smoke", "help", "new", "progress" };
	(void)state;
	check_against_full(verbs, sizeof(verbs) / sizeof(*verbs));
}

/* Asked for every display id, it gives every entry, derived ids included. */
static void catcheck_gives_every_display_id_of_a_full_load(void **state)
{
	(void)state;
	check_against_full(NULL, 0);
}

static void catcheck_of_nothing_is_empty(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	static const char *const verbs[] = { "list" };
	(void)state;
	struct catcheck_source source = { NULL, 0, &diags, NULL, NULL };
	struct catalog *named = catcheck_walk(&source, verbs, 1, &diags);
	assert_non_null(named);
	assert_int_equal(named->count, 0);
	assert_int_equal(named->file_count, 0);
	assert_int_equal(diags.count, 0);
	catalog_free(named);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catcheck_finds_the_duplicates_and_verb_ids_of_a_full_load),
		cmocka_unit_test(catcheck_gives_every_display_id_of_a_full_load),
		cmocka_unit_test(catcheck_of_nothing_is_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
