/* The --watch watcher (src/front/watch.c, compiled into this test): a file is
 * seen through its folder however an editor saves it, names that are not the
 * file (or, for a folder, not an exercise file) are not changes, and a folder
 * that cannot be watched says so. inotify queues the events during the system
 * call that causes them, so nothing here waits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/front/watch.c"

struct fixture {
	char dir[64];
	char path[128];
	struct watch *watch;
};

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[192];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *file = fopen(path, "w");
	assert_non_null(file);
	fputs(text, file);
	fclose(file);
}

static void path_in(char *out, size_t size, const char *dir, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
}

static int set_up(void **state)
{
	struct fixture *fixture = calloc(1, sizeof(*fixture));
	char *error = NULL;
	snprintf(fixture->dir, sizeof(fixture->dir), "/tmp/review-watch.XXXXXX");
	assert_non_null(mkdtemp(fixture->dir));
	path_in(fixture->path, sizeof(fixture->path), fixture->dir, "exercise.md");
	write_file(fixture->dir, "exercise.md", "one\n");
	fixture->watch = watch_new(&error);
	assert_non_null(fixture->watch);
	assert_null(error);
	*state = fixture;
	return 0;
}

static int tear_down(void **state)
{
	struct fixture *fixture = *state;
	char command[128];
	watch_free(fixture->watch);
	snprintf(command, sizeof(command), "rm -rf '%s'", fixture->dir);
	assert_int_equal(system(command), 0);
	free(fixture);
	return 0;
}

static void add(struct fixture *fixture, const char *path)
{
	char *error = NULL;
	assert_true(watch_add(fixture->watch, path, &error));
	assert_null(error);
}

static void a_file_is_seen_however_it_is_saved(void **state)
{
	struct fixture *fixture = *state;
	char temp[160];
	add(fixture, fixture->path);
	add(fixture, fixture->path); /* twice is harmless */
	assert_false(watch_read(fixture->watch));

	write_file(fixture->dir, "exercise.md", "written in place\n");
	assert_true(watch_read(fixture->watch));
	/* vim: a new file beside it, renamed over it. */
	write_file(fixture->dir, ".exercise.md.swp", "new\n");
	assert_false(watch_read(fixture->watch));
	path_in(temp, sizeof(temp), fixture->dir, ".exercise.md.swp");
	assert_int_equal(rename(temp, fixture->path), 0);
	assert_true(watch_read(fixture->watch));
	/* Gone for a moment, then back. */
	assert_int_equal(unlink(fixture->path), 0);
	assert_true(watch_read(fixture->watch));
	write_file(fixture->dir, "exercise.md", "back\n");
	assert_true(watch_read(fixture->watch));
	/* Moved away. */
	path_in(temp, sizeof(temp), fixture->dir, "moved.md");
	assert_int_equal(rename(fixture->path, temp), 0);
	assert_true(watch_read(fixture->watch));
}

static void other_names_are_not_changes_of_a_file(void **state)
{
	struct fixture *fixture = *state;
	add(fixture, fixture->path);
	write_file(fixture->dir, "other.md", "x\n");
	write_file(fixture->dir, "exercise.md~", "x\n");
	assert_false(watch_read(fixture->watch));
}

static void a_folder_sees_exercise_files_and_subfolders(void **state)
{
	struct fixture *fixture = *state;
	char sub[160];
	add(fixture, fixture->dir);
	write_file(fixture->dir, "new.md", "x\n");
	assert_true(watch_read(fixture->watch));
	write_file(fixture->dir, "notes.txt", "x\n");
	assert_true(watch_read(fixture->watch));
	write_file(fixture->dir, ".new.md.swp", "x\n");
	write_file(fixture->dir, "data.json", "x\n");
	assert_false(watch_read(fixture->watch));
	path_in(sub, sizeof(sub), fixture->dir, "track");
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_true(watch_read(fixture->watch));
}

static void a_missing_folder_says_why(void **state)
{
	struct fixture *fixture = *state;
	char *error = NULL;
	char missing[192];
	path_in(missing, sizeof(missing), fixture->dir, "no-such-folder/exercise.md");
	assert_false(watch_add(fixture->watch, missing, &error));
	assert_non_null(error);
	assert_non_null(strstr(error, "cannot watch"));
	assert_non_null(strstr(error, "no-such-folder"));
	free(error);
}

static void the_first_failure_is_the_one_told(void **state)
{
	struct fixture *fixture = *state;
	char *error = NULL;
	char first[192], second[192];
	path_in(first, sizeof(first), fixture->dir, "first/exercise.md");
	path_in(second, sizeof(second), fixture->dir, "second/exercise.md");
	assert_false(watch_add(fixture->watch, first, &error));
	assert_true(watch_add(fixture->watch, fixture->path, &error));
	assert_false(watch_add(fixture->watch, second, &error));
	assert_non_null(strstr(error, "/first"));
	free(error);
}

static void the_folder_of_a_file_sees_its_neighbours(void **state)
{
	struct fixture *fixture = *state;
	char *error = NULL;
	assert_true(watch_add_folder_of(fixture->watch, fixture->path, &error));
	assert_null(error);
	write_file(fixture->dir, "neighbour.md", "x\n");
	assert_true(watch_read(fixture->watch));
}

static void settling_drains_a_burst(void **state)
{
	struct fixture *fixture = *state;
	add(fixture, fixture->path);
	for (int i = 0; i < 5; i++)
		write_file(fixture->dir, "exercise.md", "again\n");
	assert_true(watch_read(fixture->watch));
	watch_settle(fixture->watch, 1, 5);
	assert_false(watch_read(fixture->watch));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_file_is_seen_however_it_is_saved, set_up, tear_down),
		cmocka_unit_test_setup_teardown(other_names_are_not_changes_of_a_file, set_up, tear_down),
		cmocka_unit_test_setup_teardown(a_folder_sees_exercise_files_and_subfolders, set_up, tear_down),
		cmocka_unit_test_setup_teardown(a_missing_folder_says_why, set_up, tear_down),
		cmocka_unit_test_setup_teardown(the_first_failure_is_the_one_told, set_up, tear_down),
		cmocka_unit_test_setup_teardown(the_folder_of_a_file_sees_its_neighbours, set_up, tear_down),
		cmocka_unit_test_setup_teardown(settling_drains_a_burst, set_up, tear_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
