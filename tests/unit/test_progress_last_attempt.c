/* progress_load_last_attempt: the picks, hints and flags of the latest
 * attempt, read back so the TUI can show its results again (L). Kept apart from
 * test_progress.c, which other work changes at the same time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "review/exercise.h"
#include "review/progress.h"

struct folder {
	char path[256];
	char db[300];
};

static int setup_folder(void **state)
{
	struct folder *folder = calloc(1, sizeof *folder);
	assert_non_null(folder);
	const char *tmp = getenv("TMPDIR");
	snprintf(folder->path, sizeof folder->path, "%s/review-last-XXXXXX", tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(folder->path));
	snprintf(folder->db, sizeof folder->db, "%s/state.db", folder->path);
	*state = folder;
	return 0;
}

static int teardown_folder(void **state)
{
	struct folder *folder = *state;
	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", folder->path);
	assert_int_equal(system(command), 0);
	free(folder);
	return 0;
}

/* Candidates named by ids, three hints, the given content hash. */
static struct exercise *exercise_with(const char *hash, size_t count, const char *const *ids)
{
	struct exercise *exercise = calloc(1, sizeof *exercise);
	assert_non_null(exercise);
	exercise->id = strdup("ex1");
	snprintf(exercise->content_hash, sizeof exercise->content_hash, "%s", hash);
	exercise->candidates = calloc(count, sizeof *exercise->candidates);
	exercise->candidate_count = count;
	for (size_t i = 0; i < count; i++) {
		exercise->candidates[i].id = strdup(ids[i]);
		exercise->candidates[i].points = 1;
	}
	exercise->hints = calloc(3, sizeof *exercise->hints);
	exercise->hint_count = 3;
	for (size_t i = 0; i < 3; i++)
		exercise->hints[i] = strdup("a hint");
	return exercise;
}

static const char *const TWO[] = { "c1", "c2" };
static const struct pick REAL_BUG = { VERDICT_REAL, SEVERITY_BUG };
static const struct pick NOT_REAL = { VERDICT_NOT_REAL, SEVERITY_NONE };

static struct progress_store *open_ok(const char *path)
{
	struct progress_store *store = NULL;
	assert_int_equal(progress_open(path, &store, NULL), PROGRESS_OK);
	return store;
}

static void record(struct progress_store *store, const struct exercise *exercise, struct pick a,
		   struct pick b, int hints, time_t submitted_at)
{
	struct pick picks[2] = { a, b };
	struct score_result result = { 10, 10, 2, hints, false };
	assert_int_equal(progress_record_attempt(store, exercise, picks, &result, submitted_at - 10,
						 submitted_at),
			 PROGRESS_OK);
}

static void last_attempt_without_any_is_not_found_and_clears_picks(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_with("aa", 2, TWO);
	struct progress_store *store = open_ok(folder->db);
	struct pick picks[2] = { REAL_BUG, REAL_BUG };
	struct progress_last_attempt last;

	assert_int_equal(progress_load_last_attempt(store, exercise, picks, NULL, &last), PROGRESS_NOT_FOUND);
	assert_int_equal(picks[0].verdict, VERDICT_UNANSWERED);
	assert_int_equal(picks[1].verdict, VERDICT_UNANSWERED);
	assert_int_equal(last.hints_revealed, 0);
	progress_close(store);
	exercise_free(exercise);
}

static void last_attempt_is_the_latest_with_its_picks_and_hints(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_with("aa", 2, TWO);
	struct progress_store *store = open_ok(folder->db);
	struct pick picks[2];
	struct progress_last_attempt last;

	record(store, exercise, NOT_REAL, NOT_REAL, 0, 100);
	record(store, exercise, REAL_BUG, NOT_REAL, 2, 300);
	record(store, exercise, NOT_REAL, REAL_BUG, 1, 200);
	assert_int_equal(progress_load_last_attempt(store, exercise, picks, NULL, &last), PROGRESS_OK);
	assert_int_equal(picks[0].verdict, VERDICT_REAL);
	assert_int_equal(picks[0].severity, SEVERITY_BUG);
	assert_int_equal(picks[1].verdict, VERDICT_NOT_REAL);
	assert_int_equal(last.hints_revealed, 2);
	assert_int_equal(last.submitted_at, 300);
	assert_false(last.changed);
	assert_int_equal(last.dropped, 0);
	progress_close(store);
	exercise_free(exercise);
}

static void last_attempt_of_a_changed_file_keeps_remaining_ids(void **state)
{
	struct folder *folder = *state;
	struct exercise *before = exercise_with("aa", 2, TWO);
	static const char *const AFTER[] = { "c2", "c3" };
	struct exercise *after = exercise_with("bb", 2, AFTER);
	struct progress_store *store = open_ok(folder->db);
	struct pick picks[2];
	struct progress_last_attempt last;

	record(store, before, REAL_BUG, NOT_REAL, 1, 100);
	assert_int_equal(progress_load_last_attempt(store, after, picks, NULL, &last), PROGRESS_OK);
	assert_true(last.changed);
	assert_int_equal(last.dropped, 1);
	assert_int_equal(picks[0].verdict, VERDICT_NOT_REAL); /* c2 */
	assert_int_equal(picks[1].verdict, VERDICT_UNANSWERED); /* c3 is new */
	progress_close(store);
	exercise_free(before);
	exercise_free(after);
}

/* The flags come back with the attempt they belong to, not the latest one that
 * had a find phase; flags past the code of a changed file are dropped. */
static void last_attempt_brings_back_its_own_flags(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_with("aa", 2, TWO);
	exercise->code_line_count = 20;
	struct progress_store *store = open_ok(folder->db);
	struct pick picks[2] = { REAL_BUG, NOT_REAL };
	struct score_result result = { 10, 10, 2, 0, false };
	struct flag flags[FIND_MAX_FLAGS];
	struct flag found[3] = { { 3, 3, SEVERITY_NONE }, { 5, 7, SEVERITY_BUG }, { 19, 20, SEVERITY_MINOR } };
	struct progress_find find = { found, 3, { 0 } };
	struct progress_last_attempt last;

	assert_int_equal(progress_record_attempt_found(store, exercise, picks, &result, &find, 90, 100),
			 PROGRESS_OK);
	assert_int_equal(progress_load_last_attempt(store, exercise, picks, flags, &last), PROGRESS_OK);
	assert_true(last.has_find);
	assert_int_equal(last.flag_count, 3);
	assert_int_equal(flags[1].first, 5);
	assert_int_equal(flags[1].last, 7);
	assert_int_equal(flags[1].severity, SEVERITY_BUG);
	assert_int_equal(flags[2].severity, SEVERITY_MINOR);

	exercise->code_line_count = 10; /* the file lost lines: 19-20 no longer fits */
	assert_int_equal(progress_load_last_attempt(store, exercise, picks, flags, &last), PROGRESS_OK);
	assert_int_equal(last.flag_count, 2);

	record(store, exercise, REAL_BUG, NOT_REAL, 0, 200); /* a later attempt without finding */
	assert_int_equal(progress_load_last_attempt(store, exercise, picks, flags, &last), PROGRESS_OK);
	assert_false(last.has_find);
	assert_int_equal(last.flag_count, 0);
	progress_close(store);
	exercise_free(exercise);
}

static void last_attempt_without_store_or_exercise_is_refused(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_with("aa", 2, TWO);
	struct pick picks[2] = { REAL_BUG, REAL_BUG };
	struct progress_last_attempt last;

	assert_int_equal(progress_load_last_attempt(NULL, exercise, picks, NULL, &last), PROGRESS_DISABLED);
	assert_int_equal(picks[0].verdict, VERDICT_UNANSWERED);
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_load_last_attempt(store, NULL, picks, NULL, &last), PROGRESS_ERROR);
	assert_int_equal(progress_load_last_attempt(store, exercise, NULL, NULL, &last), PROGRESS_ERROR);
	assert_true(strlen(progress_last_error(store)) > 0);
	progress_close(store);
	exercise_free(exercise);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(last_attempt_without_any_is_not_found_and_clears_picks,
						setup_folder, teardown_folder),
		cmocka_unit_test_setup_teardown(last_attempt_is_the_latest_with_its_picks_and_hints,
						setup_folder, teardown_folder),
		cmocka_unit_test_setup_teardown(last_attempt_of_a_changed_file_keeps_remaining_ids,
						setup_folder, teardown_folder),
		cmocka_unit_test_setup_teardown(last_attempt_brings_back_its_own_flags, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(last_attempt_without_store_or_exercise_is_refused,
						setup_folder, teardown_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
