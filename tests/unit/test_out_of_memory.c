/* Out of memory in the streaming walk and the checks over it: every
 * allocation of the core, in turn, fails once (the link wraps malloc, calloc
 * and realloc; see tests/CMakeLists.txt). The walk then lists what it can, in
 * order, and says it ran short; check gives up with NULL; nothing crashes or
 * leaks (the sanitizer build checks leaks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "review/catcheck.h"
#include "review/fileset.h"
#include "review/idhash.h"
#include "review/walk.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *block, size_t size);

static long fail_at = -1; /* the allocation to fail, counted from 0; -1: none */
static atomic_long allocations; /* check's workers allocate at once */

static bool fails(void)
{
	return fail_at >= 0 && atomic_fetch_add(&allocations, 1) == fail_at;
}

void *__wrap_malloc(size_t size);
void *__wrap_malloc(size_t size)
{
	return fails() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size);
void *__wrap_calloc(size_t count, size_t size)
{
	return fails() ? NULL : __real_calloc(count, size);
}

void *__wrap_realloc(void *block, size_t size);
void *__wrap_realloc(void *block, size_t size)
{
	return fails() ? NULL : __real_realloc(block, size);
}

static void failing(long at)
{
	fail_at = at;
	allocations = 0;
}

static void write_in(const char *folder, const char *name, const char *id)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", folder, name);
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fprintf(file, "---\nid: %s\ntitle: T\ncode: x\nissues: [{id: a, text: t, is_real: false}]\n---\n", id);
	fclose(file);
}

/* Three folders of files, two sharing an id, one id near a verb. */
static void make_tree(char *folder)
{
	char path[600];
	assert_non_null(mkdtemp(folder));
	for (int f = 0; f < 3; f++) {
		snprintf(path, sizeof(path), "%s/t%d", folder, f);
		assert_int_equal(mkdir(path, 0700), 0);
		for (int i = 0; i < 12; i++) {
			char name[32], id[32];
			snprintf(name, sizeof(name), "t%d/e%02d.md", f, i);
			snprintf(id, sizeof(id), f == 2 && i == 11 ? "same" : f == 0 && i == 0 ? "same"
					     : i == 5 ? "lis%d" : "id%d-%d", f, i);
			write_in(folder, name, id);
		}
	}
}

static void remove_folder(const char *folder)
{
	char command[300];
	snprintf(command, sizeof(command), "rm -rf '%s'", folder);
	assert_int_equal(system(command), 0);
}

/* Lists the walk's files into paths; returns the count, *short_of_memory set. */
static size_t walk_all(const char *const *roots, char paths[][600], bool *short_of_memory)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct walk *walk = walk_open(roots, 1, &diags);
	size_t count = 0;
	*short_of_memory = walk == NULL;
	for (const char *path; walk && (path = walk_next(walk, NULL, NULL)) != NULL; count++)
		snprintf(paths[count], 600, "%s", path);
	if (walk)
		*short_of_memory = walk_out_of_memory(walk);
	walk_close(walk);
	diag_list_free(&diags);
	return count;
}

static void walk_lists_what_it_can_in_order(void **state)
{
	char folder[] = "/tmp/review-oom-XXXXXX";
	static char all[40][600], some[40][600];
	bool short_of_memory;
	(void)state;
	make_tree(folder);
	const char *roots[] = { folder };
	size_t total = walk_all(roots, all, &short_of_memory);
	assert_int_equal(total, 36);
	assert_false(short_of_memory);
	size_t failed_runs = 0;
	for (long at = 0;; at++) {
		failing(at);
		size_t count = walk_all(roots, some, &short_of_memory);
		bool reached = allocations > at;
		failing(-1);
		if (!reached)
			break; /* every allocation has failed once */
		failed_runs += short_of_memory;
		/* What is listed is in order and each file once: a subsequence. */
		for (size_t i = 0, j = 0; i < count; i++, j++) {
			while (j < total && strcmp(all[j], some[i]) != 0)
				j++;
			assert_true(j < total);
		}
		if (!short_of_memory)
			assert_int_equal(count, total);
	}
	assert_true(failed_runs > 0);
	remove_folder(folder);
}

static void check_gives_up_cleanly(void **state)
{
	char folder[] = "/tmp/review-oom-XXXXXX";
	static const char *const names[] = { "list", "check" };
	(void)state;
	make_tree(folder);
	const char *roots[] = { folder };
	size_t gave_up = 0;
	for (long at = 0;; at++) {
		struct diag_list diags = DIAG_LIST_INIT, notes = DIAG_LIST_INIT;
		struct catcheck_source source = { roots, 1, &notes, NULL, NULL };
		failing(at);
		struct catalog *catalog = catcheck_walk(&source, names, 2, &diags);
		bool reached = allocations > at;
		failing(-1);
		gave_up += catalog == NULL;
		if (catalog)
			assert_int_equal(catalog->file_count, 36);
		catalog_free(catalog);
		diag_list_free(&diags);
		diag_list_free(&notes);
		if (!reached)
			break;
	}
	assert_true(gave_up > 0);
	remove_folder(folder);
}

static void sets_say_when_memory_ran_short(void **state)
{
	(void)state;
	struct file_set *set = file_set_new();
	assert_non_null(set);
	failing(0);
	assert_int_equal(file_set_add(set, 1, 1), FILE_SET_NO_MEMORY);
	failing(-1);
	assert_int_equal(file_set_add(set, 1, 1), FILE_SET_NEW);
	file_set_free(set);
	struct id_hash_list *list = id_hash_list_new();
	assert_non_null(list);
	failing(0);
	assert_false(id_hash_list_set(list, 1, 5));
	failing(1);
	assert_false(id_hash_list_set(list, 20000, 5));
	failing(-1);
	assert_true(id_hash_list_set(list, 20000, 5));
	size_t found = 0;
	failing(0);
	assert_null(id_hash_list_collisions(list, 20001, &found));
	failing(-1);
	id_hash_list_free(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(walk_lists_what_it_can_in_order),
		cmocka_unit_test(check_gives_up_cleanly),
		cmocka_unit_test(sets_say_when_memory_ran_short),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
