/* The streaming walk: the order catalog_collect_paths has always given (per
 * root, sorted by full path), each folder read and each file listed once. */
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
#include "review/walk.h"

static void at(char *path, size_t size, const char *folder, const char *name)
{
	snprintf(path, size, "%s/%s", folder, name);
}

static void write_in(const char *folder, const char *name)
{
	char path[600];
	at(path, sizeof(path), folder, name);
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fputs("---\nid: x\n---\n", file);
	fclose(file);
}

static void remove_folder(const char *folder)
{
	char command[300];
	snprintf(command, sizeof(command), "chmod -R u+rwx '%s'; rm -rf '%s'", folder, folder);
	assert_int_equal(system(command), 0);
}

/* A tree with names that sort differently as names and as paths ("a" < "a-b.md"
 * but "a-b.md" < "a/b.md"), links to folders and a loop, a hard link, a FIFO. */
static void make_tree(const char *folder)
{
	char path[600], other[600];
	at(path, sizeof(path), folder, "a");
	assert_int_equal(mkdir(path, 0700), 0);
	write_in(folder, "a/b.md");
	write_in(folder, "a-b.md");
	write_in(folder, "a.md");
	write_in(folder, "a0.md");
	write_in(folder, "notes.yaml");
	write_in(folder, ".hidden.md");
	at(path, sizeof(path), folder, "s");
	assert_int_equal(symlink("a", path), 0);         /* a folder again, by a link */
	at(path, sizeof(path), folder, "loop");
	assert_int_equal(symlink(".", path), 0);
	at(path, sizeof(path), folder, "a-b.md");
	at(other, sizeof(other), folder, "z.md");
	assert_int_equal(link(path, other), 0);          /* a file again, by a hard link */
	at(path, sizeof(path), folder, "pipe.md");
	assert_int_equal(mkfifo(path, 0600), 0);
}

static size_t walk_all(const char *const *roots, size_t count, char paths[][600], struct diag_list *diags)
{
	struct walk *walk = walk_open(roots, count, diags);
	const char *path;
	size_t found = 0;
	struct stat info;
	assert_non_null(walk);
	while ((path = walk_next(walk, &info, NULL)) != NULL) {
		assert_true(S_ISREG(info.st_mode));
		snprintf(paths[found++], 600, "%s", path);
	}
	assert_false(walk_out_of_memory(walk));
	walk_close(walk);
	return found;
}

static void walk_lists_files_in_path_order_once(void **state)
{
	char folder[] = "/tmp/review-walk-XXXXXX";
	char paths[16][600], expected[600];
	struct diag_list diags = DIAG_LIST_INIT;
	(void)state;
	assert_non_null(mkdtemp(folder));
	make_tree(folder);
	char given_file[600];
	at(given_file, sizeof(given_file), folder, "a.md");
	const char *roots[] = { folder, folder, given_file };
	size_t count = walk_all(roots, 3, paths, &diags);
	const char *order[] = { "a-b.md", "a.md", "a/b.md", "a0.md" };
	assert_int_equal(count, 4);
	for (size_t i = 0; i < 4; i++) {
		at(expected, sizeof(expected), folder, order[i]);
		assert_string_equal(paths[i], expected);
	}
	/* The FIFO once: the second root is a folder already read. */
	assert_int_equal(diags.count, 1);
	assert_non_null(strstr(diags.items[0].file, "pipe.md"));
	assert_non_null(strstr(diags.items[0].message, "not a regular file"));
	/* catalog_collect_paths is the same walk. */
	char **listed = NULL;
	size_t listed_count = catalog_collect_paths(roots, 3, &listed, &diags);
	assert_int_equal(listed_count, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(listed[i], paths[i]);
	catalog_paths_free(listed, listed_count);
	diag_list_free(&diags);
	remove_folder(folder);
}

/* A file reached by two paths is listed under the first in path order, the
 * order the README states: here "a-c.md", though folder "a" sorts first by name. */
static void walk_keeps_the_first_path_in_sorted_order(void **state)
{
	char folder[] = "/tmp/review-walk-XXXXXX";
	char path[600], other[600], paths[4][600];
	struct diag_list diags = DIAG_LIST_INIT;
	(void)state;
	assert_non_null(mkdtemp(folder));
	at(path, sizeof(path), folder, "a");
	assert_int_equal(mkdir(path, 0700), 0);
	write_in(folder, "a/b.md");
	at(path, sizeof(path), folder, "a/b.md");
	at(other, sizeof(other), folder, "a-c.md");
	assert_int_equal(link(path, other), 0);
	const char *roots[] = { folder };
	assert_int_equal(walk_all(roots, 1, paths, &diags), 1);
	assert_string_equal(paths[0], other);
	diag_list_free(&diags);
	remove_folder(folder);
}

/* A root given as a file is listed whatever its name; a missing root and an
 * unreadable folder are reported where they are met, and the walk goes on. */
static void walk_reports_missing_roots_and_unreadable_folders(void **state)
{
	char folder[] = "/tmp/review-walk-XXXXXX";
	char path[600], paths[4][600], file[600];
	struct diag_list diags = DIAG_LIST_INIT;
	(void)state;
	assert_non_null(mkdtemp(folder));
	at(path, sizeof(path), folder, "closed");
	assert_int_equal(mkdir(path, 0700), 0);
	write_in(folder, "closed/in.md");
	write_in(folder, "plain");
	assert_int_equal(chmod(path, 0), 0);
	at(file, sizeof(file), folder, "plain");
	const char *roots[] = { "/nonexistent/review-walk", folder, file };
	size_t count = walk_all(roots, 3, paths, &diags);
	assert_string_equal(diags.items[0].file, "/nonexistent/review-walk");
	assert_string_equal(diags.items[0].message, "no such file or folder");
	if (geteuid() != 0) { /* root reads any folder */
		assert_int_equal(count, 1);
		assert_int_equal(diags.count, 2);
		assert_string_equal(diags.items[1].file, path);
		assert_string_equal(diags.items[1].message, "cannot open folder");
	} else {
		assert_int_equal(count, 2);
	}
	assert_string_equal(paths[count - 1], file);
	diag_list_free(&diags);
	remove_folder(folder);
}

/* Files far apart in a big tree come in order, and the walk holds no more than
 * its open folders: checked here for order over many folders and files. */
static void walk_orders_a_generated_tree(void **state)
{
	char folder[] = "/tmp/review-walk-XXXXXX";
	char path[600], name[64];
	struct diag_list diags = DIAG_LIST_INIT;
	(void)state;
	assert_non_null(mkdtemp(folder));
	for (int f = 0; f < 12; f++) {
		snprintf(name, sizeof(name), f % 2 ? "t%d" : "t%d.d", f);
		at(path, sizeof(path), folder, name);
		assert_int_equal(mkdir(path, 0700), 0);
		for (int i = 0; i < 40; i++) {
			char file[96];
			static const char *const prefixes[] = { "a", "a-", "a.", "a0" };
			snprintf(file, sizeof(file), "%s/%s%d.md", name, prefixes[i % 4], i);
			write_in(folder, file);
		}
	}
	const char *roots[] = { folder };
	struct walk *walk = walk_open(roots, 1, &diags);
	char previous[600] = "";
	size_t count = 0;
	for (const char *next; (next = walk_next(walk, NULL, NULL)) != NULL; count++) {
		assert_true(strcmp(previous, next) < 0);
		snprintf(previous, sizeof(previous), "%s", next);
	}
	walk_close(walk);
	assert_int_equal(count, 12 * 40);
	assert_int_equal(diags.count, 0);
	remove_folder(folder);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(walk_lists_files_in_path_order_once),
		cmocka_unit_test(walk_keeps_the_first_path_in_sorted_order),
		cmocka_unit_test(walk_reports_missing_roots_and_unreadable_folders),
		cmocka_unit_test(walk_orders_a_generated_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
