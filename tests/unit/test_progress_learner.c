/* What the progress store keeps of a learner besides answers (schemas 3 and 4):
 * the candidate order (a seed drawn once per learner and exercise, kept across
 * reopening and a kill, drawn anew by reset, different for two stores), the
 * scoring rule of each attempt (attempts from before rule 2 keep rule 1), the
 * find phase's flags and result, and the find-phase setting. Every test works
 * in its own mkdtemp folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "review/progress.h"

struct folder {
	char path[256];
	char db[300];
	char other[300];
};

static int setup(void **state)
{
	struct folder *folder = calloc(1, sizeof(*folder));
	snprintf(folder->path, sizeof(folder->path), "%s/review-order-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!folder || !mkdtemp(folder->path))
		return -1;
	snprintf(folder->db, sizeof(folder->db), "%s/state.db", folder->path);
	snprintf(folder->other, sizeof(folder->other), "%s/other.db", folder->path);
	*state = folder;
	return 0;
}

static int teardown(void **state)
{
	struct folder *folder = *state;
	char command[400];
	snprintf(command, sizeof(command), "rm -rf '%s'", folder->path);
	int rc = system(command);
	free(folder);
	return rc == 0 ? 0 : -1;
}

static struct progress_store *open_ok(const char *path)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	assert_int_equal(progress_open(path, &store, &message), PROGRESS_OK);
	free(message);
	return store;
}

static uint64_t seed_of(struct progress_store *store, const char *id)
{
	uint64_t seed = 0;
	assert_int_equal(progress_order_seed(store, id, &seed), PROGRESS_OK);
	return seed;
}

static void progress_order_seed_is_kept_across_reopening(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	uint64_t first = seed_of(store, "q7x2");
	assert_true(seed_of(store, "q7x2") == first);
	assert_true(seed_of(store, "other") != first);
	progress_close(store);
	store = open_ok(folder->db);
	assert_true(seed_of(store, "q7x2") == first);
	progress_close(store);
}

/* A child draws the seed and dies by SIGKILL without closing the store: the
 * seed was committed when drawn, so the parent finds the same one. */
static void progress_order_seed_survives_a_kill(void **state)
{
	struct folder *folder = *state;
	int pipe_ends[2];
	assert_int_equal(pipe(pipe_ends), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct progress_store *store = NULL;
		uint64_t seed = 0;
		if (progress_open(folder->db, &store, NULL) != PROGRESS_OK ||
		    progress_order_seed(store, "q7x2", &seed) != PROGRESS_OK)
			_exit(1);
		if (write(pipe_ends[1], &seed, sizeof(seed)) != (ssize_t)sizeof(seed))
			_exit(1);
		for (;;)
			pause();
	}
	close(pipe_ends[1]);
	uint64_t drawn = 0;
	assert_int_equal(read(pipe_ends[0], &drawn, sizeof(drawn)), (ssize_t)sizeof(drawn));
	close(pipe_ends[0]);
	kill(child, SIGKILL);
	int status = 0;
	waitpid(child, &status, 0);
	assert_true(WIFSIGNALED(status));
	struct progress_store *store = open_ok(folder->db);
	assert_true(seed_of(store, "q7x2") == drawn);
	progress_close(store);
}

static void progress_order_seed_is_drawn_anew_after_reset(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	uint64_t first = seed_of(store, "q7x2"), kept = seed_of(store, "keep");
	size_t removed = 99;
	assert_int_equal(progress_reset(store, "q7x2", &removed), PROGRESS_OK);
	assert_int_equal(removed, 0); /* an order is no answer */
	assert_true(seed_of(store, "q7x2") != first);
	assert_true(seed_of(store, "keep") == kept);
	assert_int_equal(progress_reset(store, NULL, NULL), PROGRESS_OK);
	assert_true(seed_of(store, "keep") != kept);
	progress_close(store);
}

static void progress_order_seed_differs_between_two_stores(void **state)
{
	struct folder *folder = *state;
	struct progress_store *one = open_ok(folder->db), *two = open_ok(folder->other);
	assert_true(seed_of(one, "q7x2") != seed_of(two, "q7x2"));
	progress_close(one);
	progress_close(two);
}

static void progress_order_seed_needs_a_store(void **state)
{
	(void)state;
	uint64_t seed = 5;
	assert_int_equal(progress_order_seed(NULL, "q7x2", &seed), PROGRESS_DISABLED);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* A schema 2 store as review wrote it before rule 2: its attempt keeps rule 1. */
static void progress_attempts_from_schema_2_keep_rule_1(void **state)
{
	struct folder *folder = *state;
	raw_exec(folder->db,
		 "PRAGMA application_id = 1382381175;"
		 "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
		 "CREATE TABLE draft(exercise_id TEXT PRIMARY KEY, answers TEXT NOT NULL,"
		 " hints_revealed INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
		 " content_hash TEXT NOT NULL DEFAULT '', started_at INTEGER NOT NULL DEFAULT 0);"
		 "CREATE TABLE attempt(id INTEGER PRIMARY KEY, exercise_id TEXT NOT NULL,"
		 " submitted_at INTEGER NOT NULL, answers TEXT NOT NULL,"
		 " hints_revealed INTEGER NOT NULL, score_tenths INTEGER NOT NULL,"
		 " max_points INTEGER NOT NULL, passed INTEGER NOT NULL,"
		 " content_hash TEXT NOT NULL DEFAULT '', started_at INTEGER);"
		 "CREATE INDEX attempt_by_exercise ON attempt(exercise_id, submitted_at);"
		 "INSERT INTO attempt(exercise_id, submitted_at, answers, hints_revealed,"
		 " score_tenths, max_points, passed) VALUES('ex', 100, 'i1=bug', 0, 90, 12, 1);"
		 "PRAGMA user_version = 2;");
	struct progress_store *store = open_ok(folder->db);
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex", NULL, &summary), PROGRESS_OK);
	assert_int_equal(summary.best_rule_version, 1);
	assert_int_equal(summary.best_score_tenths, 90);
	assert_true(summary.passed);
	progress_close(store);
}

static struct exercise *exercise_with_code(const char *id, int code_lines)
{
	static struct line_range lines[] = { { 4, 5 } };
	struct exercise *exercise = calloc(1, sizeof(*exercise));
	struct candidate *candidate = calloc(1, sizeof(*candidate));
	exercise->id = strdup(id);
	candidate->id = strdup("i1");
	candidate->text = strdup("t");
	candidate->is_real = true;
	candidate->severity = SEVERITY_BUG;
	candidate->points = 3;
	candidate->lines = malloc(sizeof(lines));
	memcpy(candidate->lines, lines, sizeof(lines));
	candidate->line_range_count = 1;
	exercise->candidates = candidate;
	exercise->candidate_count = 1;
	exercise->code_line_count = code_lines;
	snprintf(exercise->content_hash, sizeof(exercise->content_hash), "0123456789abcdef");
	return exercise;
}

static void progress_flags_round_trip_and_end_with_the_attempt(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_with_code("ex", 10);
	struct flag flags[FIND_MAX_FLAGS] = { { 4, 4, SEVERITY_NONE }, { 7, 9, SEVERITY_MINOR } };
	size_t count = 99;
	bool done = true;
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_load_flags(store, exercise, flags, &count, &done), PROGRESS_NOT_FOUND);
	assert_int_equal(count, 0);
	flags[0] = (struct flag){ 4, 4, SEVERITY_NONE };
	flags[1] = (struct flag){ 7, 9, SEVERITY_MINOR };
	assert_int_equal(progress_save_flags(store, exercise, flags, 2, false), PROGRESS_OK);
	progress_close(store);
	store = open_ok(folder->db);
	memset(flags, 0, sizeof(flags));
	assert_int_equal(progress_load_flags(store, exercise, flags, &count, &done), PROGRESS_OK);
	assert_int_equal(count, 2);
	assert_false(done);
	assert_int_equal(flags[1].first, 7);
	assert_int_equal(flags[1].last, 9);
	assert_int_equal(flags[1].severity, SEVERITY_MINOR);
	/* Ending the phase sticks, even if a later save says otherwise. */
	assert_int_equal(progress_save_flags(store, exercise, flags, 1, true), PROGRESS_OK);
	assert_int_equal(progress_save_flags(store, exercise, flags, 1, false), PROGRESS_OK);
	assert_int_equal(progress_load_flags(store, exercise, flags, &count, &done), PROGRESS_OK);
	assert_true(done);
	assert_int_equal(count, 1);
	/* The attempt keeps the flags and what they found; the draft of flags goes. */
	struct pick picks[1] = { { VERDICT_REAL, SEVERITY_BUG } };
	struct score_result result = score_grade(exercise, picks, 0);
	struct progress_find find = { flags, 1, find_score(exercise, flags, 1) };
	assert_int_equal(progress_record_attempt_found(store, exercise, picks, &result, &find, 10, 20),
			 PROGRESS_OK);
	assert_int_equal(progress_load_flags(store, exercise, flags, &count, &done), PROGRESS_NOT_FOUND);
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.find_found, 1);
	assert_int_equal(summary.find_findable, 1);
	/* Reset forgets the find results with the attempts. */
	assert_int_equal(progress_reset(store, "ex", NULL), PROGRESS_OK);
	assert_int_equal(progress_summary(store, "ex", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.find_findable, 0);
	progress_close(store);
	exercise_free(exercise);
}

static void progress_flags_that_no_longer_fit_the_code_are_dropped(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_with_code("ex", 10);
	struct flag flags[FIND_MAX_FLAGS] = { { 2, 2, SEVERITY_NONE }, { 8, 10, SEVERITY_BUG } };
	size_t count = 0;
	bool done = false;
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_save_flags(store, exercise, flags, 2, false), PROGRESS_OK);
	exercise->code_line_count = 6; /* the file lost lines since */
	assert_int_equal(progress_load_flags(store, exercise, flags, &count, &done), PROGRESS_OK);
	assert_int_equal(count, 1);
	assert_int_equal(flags[0].first, 2);
	progress_close(store);
	exercise_free(exercise);
}

static void progress_find_phase_setting_is_remembered(void **state)
{
	struct folder *folder = *state;
	bool enabled = false;
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_find_phase(store, &enabled), PROGRESS_OK);
	assert_true(enabled); /* on by default */
	assert_int_equal(progress_set_find_phase(store, false), PROGRESS_OK);
	progress_close(store);
	store = open_ok(folder->db);
	assert_int_equal(progress_find_phase(store, &enabled), PROGRESS_OK);
	assert_false(enabled);
	assert_int_equal(progress_set_find_phase(store, true), PROGRESS_OK);
	assert_int_equal(progress_find_phase(store, &enabled), PROGRESS_OK);
	assert_true(enabled);
	progress_close(store);
	assert_int_equal(progress_find_phase(NULL, &enabled), PROGRESS_DISABLED);
	assert_true(enabled);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(progress_order_seed_is_kept_across_reopening, setup, teardown),
		cmocka_unit_test_setup_teardown(progress_order_seed_survives_a_kill, setup, teardown),
		cmocka_unit_test_setup_teardown(progress_order_seed_is_drawn_anew_after_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(progress_order_seed_differs_between_two_stores, setup, teardown),
		cmocka_unit_test(progress_order_seed_needs_a_store),
		cmocka_unit_test_setup_teardown(progress_attempts_from_schema_2_keep_rule_1, setup, teardown),
		cmocka_unit_test_setup_teardown(progress_flags_round_trip_and_end_with_the_attempt, setup, teardown),
		cmocka_unit_test_setup_teardown(progress_flags_that_no_longer_fit_the_code_are_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(progress_find_phase_setting_is_remembered, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
