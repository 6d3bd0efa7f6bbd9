/* The guessing guard: each family of blind answers fails a constructed
 * exercise built to be guessed that way, a balanced exercise passes, and the
 * expected random score is exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "review/guard.h"

#define CANDIDATE(id_, real_, severity_, points_) \
	{ .id = (char *)(id_), .text = (char *)(id_), .is_real = (real_), \
	  .severity = (severity_), .points = (points_) }
#define EXERCISE(name_, candidates_) \
	{ .id = (char *)(name_), .candidates = (candidates_), \
	  .candidate_count = sizeof(candidates_) / sizeof(*(candidates_)) }

/* True when some blind answer of that family (and severity, for the families
 * that have one) passes. */
static bool passes(const struct guard_report *report, enum guard_family family,
		   enum severity severity)
{
	for (size_t i = 0; i < report->passing_count; i++)
		if (report->passing[i].family == family &&
		    (family < GUARD_ALL_SEVERITY || report->passing[i].severity == severity))
			return true;
	return false;
}

static struct guard_report run(const struct exercise *exercise)
{
	struct guard_report report;
	assert_true(guard_run(exercise, &report));
	return report;
}

static void guard_fails_mostly_distractors_to_all_not_real(void **state)
{
	(void)state;
	struct candidate c[] = { CANDIDATE("a", false, SEVERITY_NONE, 3),
				 CANDIDATE("b", true, SEVERITY_BUG, 2),
				 CANDIDATE("c", false, SEVERITY_NONE, 3) };
	struct exercise e = EXERCISE("mostly-not", c);
	struct guard_report report = run(&e);
	assert_true(passes(&report, GUARD_ALL_NOT_REAL, SEVERITY_NONE));
	char name[160];
	guard_describe(&report.best, name, sizeof(name));
	assert_string_equal(name, "every candidate 'not-real'");
	guard_report_free(&report);
}

static void guard_fails_every_severity_when_one_dominates(void **state)
{
	(void)state;
	static const enum severity severities[] = { SEVERITY_BUG, SEVERITY_WARNING, SEVERITY_MINOR };
	for (size_t s = 0; s < 3; s++) {
		struct candidate c[] = { CANDIDATE("a", true, severities[s], 4),
					 CANDIDATE("b", true, severities[s], 3),
					 CANDIDATE("c", false, SEVERITY_NONE, 1) };
		struct exercise e = EXERCISE("one-severity", c);
		struct guard_report report = run(&e);
		assert_true(passes(&report, GUARD_ALL_SEVERITY, severities[s]));
		guard_report_free(&report);
	}
}

static void guard_fails_a_key_given_away_by_its_file_order(void **state)
{
	(void)state;
	struct candidate c[] = { CANDIDATE("a", true, SEVERITY_BUG, 3),
				 CANDIDATE("b", true, SEVERITY_BUG, 3),
				 CANDIDATE("c", false, SEVERITY_NONE, 2),
				 CANDIDATE("d", false, SEVERITY_NONE, 2) };
	struct exercise e = EXERCISE("first-two", c);
	struct guard_report report = run(&e);
	assert_true(passes(&report, GUARD_FIRST_K, SEVERITY_BUG));
	assert_int_equal(report.best.family, GUARD_FIRST_K);
	assert_int_equal(report.best.k, 2);
	assert_int_equal(report.best.result.score_tenths, 100);
	char name[160];
	guard_describe(&report.best, name, sizeof(name));
	assert_string_equal(name, "the first 2 in file order 'bug', the rest 'not-real'");
	guard_report_free(&report);
}

/* The balanced file order of guard_passes_a_balanced_exercise, with ids that
 * number the real candidates first (as authors tend to: i1 the headline). */
static void guard_fails_a_key_given_away_by_its_ids(void **state)
{
	(void)state;
	struct candidate c[] = { CANDIDATE("i4", false, SEVERITY_NONE, 2),
				 CANDIDATE("i2", true, SEVERITY_BUG, 2),
				 CANDIDATE("i10", false, SEVERITY_NONE, 2),
				 CANDIDATE("i1", true, SEVERITY_BUG, 4),
				 CANDIDATE("i3", true, SEVERITY_BUG, 1),
				 CANDIDATE("i9", false, SEVERITY_NONE, 2) };
	struct exercise e = EXERCISE("ids", c);
	struct guard_report report = run(&e);
	assert_false(passes(&report, GUARD_FIRST_K, SEVERITY_BUG));
	assert_true(passes(&report, GUARD_FIRST_K_BY_ID, SEVERITY_BUG));
	assert_int_equal(report.best.family, GUARD_FIRST_K_BY_ID);
	assert_int_equal(report.best.k, 3); /* i1 i2 i3, and i10 after i9: counted as numbers */
	assert_int_equal(report.best.result.score_tenths, 130);
	char name[160];
	guard_describe(&report.best, name, sizeof(name));
	assert_string_equal(name, "the first 3 by candidate id 'bug', the rest 'not-real'");
	guard_report_free(&report);
}

static void guard_fails_all_real_only_when_severities_are_free(void **state)
{
	(void)state;
	/* A key without severities accepts "real" alone in full. */
	struct candidate c[] = { CANDIDATE("a", true, SEVERITY_NONE, 3),
				 CANDIDATE("b", false, SEVERITY_NONE, 1) };
	struct exercise e = EXERCISE("no-severity", c);
	struct guard_report report = run(&e);
	assert_true(passes(&report, GUARD_ALL_REAL, SEVERITY_NONE));
	guard_report_free(&report);
}

static void guard_passes_a_balanced_exercise(void **state)
{
	(void)state;
	/* Interleaved, mixed severities, distractors worth a real share. */
	struct candidate c[] = { CANDIDATE("a", false, SEVERITY_NONE, 2),
				 CANDIDATE("b", true, SEVERITY_WARNING, 2),
				 CANDIDATE("c", false, SEVERITY_NONE, 2),
				 CANDIDATE("d", true, SEVERITY_BUG, 4),
				 CANDIDATE("e", true, SEVERITY_MINOR, 1),
				 CANDIDATE("f", false, SEVERITY_NONE, 2) };
	struct exercise e = EXERCISE("balanced", c);
	struct guard_report report = run(&e);
	assert_int_equal(report.passing_count, 0);
	/* 5 constants, then k = 1..5 with 3 severities; the ids are in file order,
	 * so the id order is not tried again. */
	assert_int_equal(report.tried, 5 + 5 * 3);
	assert_true(report.best.result.score_tenths * 100 < 70 * report.max * 10);
	assert_int_equal(report.max, 13);
	guard_report_free(&report);
}

static void guard_random_answer_expectation_is_exact(void **state)
{
	(void)state;
	/* Not real 4: 1/4 of 4 = 1. Bug 4: (4 + 1.6 + 0 + 0) / 4 = 1.4. Max 8. */
	struct candidate c[] = { CANDIDATE("a", false, SEVERITY_NONE, 4),
				 CANDIDATE("b", true, SEVERITY_BUG, 4) };
	struct exercise e = EXERCISE("random", c);
	struct guard_report report = run(&e);
	assert_true(report.random_percent > 29.99 && report.random_percent < 30.01);
	guard_report_free(&report);
}

static void guard_handles_an_exercise_without_candidates(void **state)
{
	(void)state;
	struct exercise e = { .id = (char *)"empty" };
	struct guard_report report = run(&e);
	/* Worth nothing: every answer passes, and smoke already fails it for that. */
	assert_true(report.passing_count > 0);
	assert_true(report.random_percent == 100.0);
	guard_report_free(&report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(guard_fails_mostly_distractors_to_all_not_real),
		cmocka_unit_test(guard_fails_every_severity_when_one_dominates),
		cmocka_unit_test(guard_fails_a_key_given_away_by_its_file_order),
		cmocka_unit_test(guard_fails_a_key_given_away_by_its_ids),
		cmocka_unit_test(guard_fails_all_real_only_when_severities_are_free),
		cmocka_unit_test(guard_passes_a_balanced_exercise),
		cmocka_unit_test(guard_random_answer_expectation_is_exact),
		cmocka_unit_test(guard_handles_an_exercise_without_candidates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
