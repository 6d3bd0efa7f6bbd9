/* Listing and importing attempts (review export / import): what is listed is
 * what was recorded; importing skips exactly the attempts already held (same
 * exercise, second, answers as a set, hints and flags), also within one batch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "review/progress.h"

struct fixture {
	char folder[256];
	char db[300];
	struct progress_store *store;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");
	snprintf(f->folder, sizeof f->folder, "%s/review-exchange-XXXXXX", tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->folder));
	snprintf(f->db, sizeof f->db, "%s/state.db", f->folder);
	assert_int_equal(progress_open(f->db, &f->store, NULL), PROGRESS_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char command[600];
	progress_close(f->store);
	snprintf(command, sizeof command, "rm -rf '%s'", f->folder);
	assert_int_equal(system(command), 0);
	free(f);
	return 0;
}

/* The API's strings are not const (listing hands back owned copies). */
static char id_plain[] = "i1", id_odd[] = "odd;id=%", exercise_id[] = "ex1", hash[] = "abc",
	    no_hash[] = "", flag_line[] = "2", flag_range[] = "4-5:minor";
static struct progress_answer answers_a[] = { { id_plain, { VERDICT_REAL, SEVERITY_BUG } },
					      { id_odd, { VERDICT_NOT_REAL, SEVERITY_NONE } } };
static struct progress_answer answers_a_reversed[] = { { id_odd, { VERDICT_NOT_REAL, SEVERITY_NONE } },
						       { id_plain, { VERDICT_REAL, SEVERITY_BUG } } };
static char *flags_a[] = { flag_line, flag_range };

static struct progress_attempt attempt(struct progress_answer *answers, size_t count, int hints)
{
	return (struct progress_attempt){ .exercise_id = exercise_id, .content_hash = hash, .rule_version = 2,
					  .has_started = true, .started_at = 100, .submitted_at = 200,
					  .hints = hints, .score_tenths = 35, .max = 5, .passed = false,
					  .answers = answers, .answer_count = count };
}

static void import(struct progress_store *store, const struct progress_attempt *attempts, size_t count,
		   size_t want_added, size_t want_skipped)
{
	size_t added = 99, skipped = 99;
	assert_int_equal(progress_import_attempts(store, attempts, count, &added, &skipped), PROGRESS_OK);
	assert_int_equal(added, want_added);
	assert_int_equal(skipped, want_skipped);
}

static void test_duplicates_are_skipped(void **state)
{
	struct fixture *f = *state;
	struct progress_attempt batch[6] = {
		attempt(answers_a, 2, 0),
		attempt(answers_a_reversed, 2, 0), /* the same answers in another order */
		attempt(answers_a, 2, 1),          /* other hints: another attempt */
		attempt(answers_a, 1, 0),          /* other answers */
		attempt(answers_a, 2, 0),
		attempt(answers_a, 2, 0),
	};
	batch[4].has_find = true, batch[4].flags = flags_a, batch[4].flag_count = 2;
	batch[4].find.found_count = 1, batch[4].find.real_count = 2;
	batch[5].submitted_at = 201;               /* another second */
	import(f->store, batch, 6, 5, 1);
	import(f->store, batch, 6, 0, 6);

	struct progress_attempt *listed = NULL;
	size_t count = 0;
	assert_int_equal(progress_list_attempts(f->store, &listed, &count), PROGRESS_OK);
	assert_int_equal(count, 5);
	assert_string_equal(listed[0].exercise_id, "ex1");
	assert_string_equal(listed[0].content_hash, "abc");
	assert_int_equal(listed[0].answer_count, 2);
	assert_string_equal(listed[0].answers[1].candidate_id, "odd;id=%");
	assert_int_equal(listed[0].answers[1].pick.verdict, VERDICT_NOT_REAL);
	assert_false(listed[0].has_find);
	assert_true(listed[3].has_find);
	assert_int_equal(listed[3].flag_count, 2);
	assert_string_equal(listed[3].flags[1], "4-5:minor");
	assert_int_equal(listed[3].find.found_count, 1);
	assert_int_equal(listed[3].find.real_count, 2);
	assert_int_equal(listed[4].submitted_at, 201);
	progress_attempts_free(listed, count);
}

static void test_unknown_start_survives(void **state)
{
	struct fixture *f = *state;
	struct progress_attempt old = attempt(answers_a, 0, 0);
	old.has_started = false;
	old.content_hash = no_hash;
	old.rule_version = 1;
	import(f->store, &old, 1, 1, 0);
	struct progress_attempt *listed = NULL;
	size_t count = 0;
	assert_int_equal(progress_list_attempts(f->store, &listed, &count), PROGRESS_OK);
	assert_int_equal(count, 1);
	assert_false(listed[0].has_started);
	assert_int_equal(listed[0].rule_version, 1);
	assert_int_equal(listed[0].answer_count, 0);
	progress_attempts_free(listed, count);
}

static void test_no_store(void **state)
{
	(void)state;
	struct progress_attempt *listed = (void *)1;
	size_t count = 1, added = 1, skipped = 1;
	assert_int_equal(progress_list_attempts(NULL, &listed, &count), PROGRESS_DISABLED);
	assert_null(listed);
	assert_int_equal(count, 0);
	assert_int_equal(progress_import_attempts(NULL, NULL, 0, &added, &skipped), PROGRESS_DISABLED);
	assert_int_equal(added + skipped, 0);
	progress_attempts_free(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_duplicates_are_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_start_survives, setup, teardown),
		cmocka_unit_test(test_no_store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
