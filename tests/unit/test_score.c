/* The scoring engine over a table of cases: the worked example of the README
 * (on an in-test copy of the specimen and on the specimen itself), partial
 * severity, distractors, unanswered candidates, the hint cost and its floor,
 * the pass boundary, and exercises worth zero points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "review/loader.h"
#include "review/score.h"

#define CANDIDATE(id_, real_, severity_, points_) \
	{ .id = (char *)(id_), .text = (char *)(id_), .is_real = (real_), \
	  .severity = (severity_), .points = (points_) }

/* The specimen's candidates: 12 points, every one real, 3 hints. */
static struct candidate specimen_candidates[] = {
	CANDIDATE("i1", true, SEVERITY_BUG, 3),
	CANDIDATE("i2", true, SEVERITY_WARNING, 3),
	CANDIDATE("i3", true, SEVERITY_WARNING, 2),
	CANDIDATE("i4", true, SEVERITY_BUG, 3),
	CANDIDATE("i5", true, SEVERITY_MINOR, 1),
};
static char *specimen_hints[] = { (char *)"h1", (char *)"h2", (char *)"h3" };
static const struct exercise specimen = {
	.id = (char *)"specimen", .candidates = specimen_candidates, .candidate_count = 5,
	.hints = specimen_hints, .hint_count = 3,
};

/* One real candidate among distractors, one of which carries a severity. */
static struct candidate distractor_candidates[] = {
	CANDIDATE("r1", true, SEVERITY_BUG, 2),
	CANDIDATE("d1", false, SEVERITY_NONE, 1),
	CANDIDATE("d2", false, SEVERITY_WARNING, 2),
};
static const struct exercise distractors = {
	.id = (char *)"distract", .candidates = distractor_candidates, .candidate_count = 3,
};

/* Max 10: the pass boundary sits exactly at 7.0. */
static struct candidate boundary_candidates[] = {
	CANDIDATE("a", true, SEVERITY_BUG, 7),
	CANDIDATE("b", true, SEVERITY_MINOR, 3),
};
static const struct exercise boundary = {
	.id = (char *)"boundary", .candidates = boundary_candidates, .candidate_count = 2,
};

static struct candidate zero_candidates[] = {
	CANDIDATE("z1", true, SEVERITY_BUG, 0),
	CANDIDATE("z2", false, SEVERITY_NONE, 0),
};
static const struct exercise zero_points = {
	.id = (char *)"zero", .candidates = zero_candidates, .candidate_count = 2,
};

struct grade_case {
	const char *name;
	const struct exercise *exercise;
	const char *picks; /* one verdict word per candidate, "-" for unanswered, or "key" */
	int hints;
	long score_tenths;
	bool passed;
};

static const struct grade_case grade_cases[] = {
	{ "specimen: the key", &specimen, "key", 0, 120, true },
	{ "specimen: every candidate bug", &specimen, "bug bug bug bug bug", 0, 80, false },
	{ "specimen: every candidate bug, one hint", &specimen, "bug bug bug bug bug", 1, 68, false },
	{ "specimen: every candidate not real", &specimen,
	  "not-real not-real not-real not-real not-real", 0, 0, false },
	{ "real without severity earns a fifth", &specimen, "real real real real real", 0, 24, false },
	{ "unanswered earns nothing", &specimen, "- - - - -", 0, 0, false },
	{ "key with every hint", &specimen, "key", 3, 84, true },
	{ "hint cost never goes below zero", &specimen, "bug bug bug bug bug", 8, 0, false },
	{ "hint floor at exactly zero", &specimen, "key", 10, 0, false },
	{ "two steps away earns nothing, one step 40%", &specimen, "minor - - - warning", 0, 4, false },
	{ "distractors: the key", &distractors, "key", 0, 50, true },
	{ "distractor marked real earns nothing", &distractors, "bug bug not-real", 0, 40, true },
	{ "distractor with its own severity marked real", &distractors, "bug not-real warning",
	  0, 30, false },
	{ "real candidate marked not real", &distractors, "not-real not-real not-real", 0, 30, false },
	{ "distractor left unanswered", &distractors, "bug - -", 0, 20, false },
	{ "pass boundary: exactly 70%", &boundary, "bug -", 0, 70, true },
	{ "pass boundary: a severity one step off fails", &boundary, "warning minor", 0, 58, false },
	{ "pass boundary: a hint keeps it above", &boundary, "bug warning", 1, 72, true },
	{ "pass boundary: two hints cross it", &boundary, "bug warning", 2, 62, false },
	{ "zero points: the key passes", &zero_points, "key", 0, 0, true },
	{ "zero points: anything passes", &zero_points, "not-real real", 2, 0, true },
};

/* Fills picks (room for 8) from a case's words. */
static void parse_picks(const struct exercise *exercise, const char *words, struct pick *picks)
{
	char copy[256];
	char *save = NULL;
	size_t i = 0;

	if (strcmp(words, "key") == 0) {
		score_key_picks(exercise, picks);
		return;
	}
	snprintf(copy, sizeof(copy), "%s", words);
	for (char *word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save), i++) {
		assert_true(i < exercise->candidate_count);
		if (strcmp(word, "-") == 0)
			picks[i] = (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE };
		else
			assert_true(score_parse_verdict(word, &picks[i]));
	}
	assert_int_equal(i, exercise->candidate_count);
}

static void run_case(const struct grade_case *c, const struct exercise *exercise)
{
	struct pick picks[8];
	parse_picks(exercise, c->picks, picks);
	struct score_result result = score_grade(exercise, picks, c->hints);
	if (result.score_tenths != c->score_tenths || result.passed != c->passed)
		fail_msg("%s: got %lld tenths, %s; expected %ld, %s", c->name, result.score_tenths,
			 result.passed ? "passed" : "failed", c->score_tenths,
			 c->passed ? "passed" : "failed");
	assert_int_equal(result.hints_used, c->hints);
}

static void score_grades_every_case_of_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(grade_cases) / sizeof(grade_cases[0]); i++)
		run_case(&grade_cases[i], grade_cases[i].exercise);
}

static void score_worked_example_holds_on_the_specimen_file(void **state)
{
	(void)state;
	const char *path = SEEDS_DIR "/000_c33381872493133d.txt";
	if (access(path, R_OK) != 0)
		skip();
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	assert_int_equal(loader_load_file(path, &exercise, &diags), LOADER_OK);
	assert_non_null(exercise);
	for (size_t i = 0; i < 4; i++)
		run_case(&grade_cases[i], exercise);
	struct pick picks[8];
	score_key_picks(exercise, picks);
	struct score_result result = score_grade(exercise, picks, 0);
	assert_int_equal(result.max, 12);
	exercise_free(exercise);
	diag_list_free(&diags);
}

static void score_reports_max_value_and_percent(void **state)
{
	(void)state;
	struct pick picks[8];
	parse_picks(&specimen, "bug bug bug bug bug", picks);
	struct score_result result = score_grade(&specimen, picks, 0);
	assert_int_equal(result.max, 12);
	assert_true(score_value(&result) == 8.0);
	assert_int_equal(score_percent_tenths(&result), 666);
	result = score_grade(&specimen, picks, 1);
	assert_true(score_value(&result) > 6.79 && score_value(&result) < 6.81);
	assert_int_equal(result.earned_tenths, 80);
	assert_int_equal(score_hint_cost(&result), 12);
	assert_int_equal(score_percent_tenths(&result), 566);
}

static void score_zero_point_exercise_is_100_percent(void **state)
{
	(void)state;
	struct pick picks[2] = { { VERDICT_UNANSWERED, SEVERITY_NONE },
				 { VERDICT_UNANSWERED, SEVERITY_NONE } };
	struct score_result result = score_grade(&zero_points, picks, 0);
	assert_int_equal(result.max, 0);
	assert_int_equal(result.score_tenths, 0);
	assert_true(result.passed);
	assert_true(score_percent(&result) == 100.0);
}

static void score_candidate_earns_tenths(void **state)
{
	(void)state;
	const struct candidate *bug3 = &specimen_candidates[0];
	const struct candidate *not_real = &distractor_candidates[2];
	assert_int_equal(score_candidate(bug3, (struct pick){ VERDICT_REAL, SEVERITY_BUG }), 30);
	assert_int_equal(score_candidate(bug3, (struct pick){ VERDICT_REAL, SEVERITY_WARNING }), 12);
	assert_int_equal(score_candidate(bug3, (struct pick){ VERDICT_REAL, SEVERITY_MINOR }), 0);
	assert_int_equal(score_candidate(bug3, (struct pick){ VERDICT_REAL, SEVERITY_NONE }), 6);
	assert_int_equal(score_candidate(bug3, (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE }), 0);
	assert_int_equal(score_candidate(bug3, (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE }), 0);
	assert_int_equal(score_candidate(not_real, (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE }),
			 20);
	assert_int_equal(score_candidate(not_real, (struct pick){ VERDICT_REAL, SEVERITY_WARNING }),
			 0);
	assert_int_equal(
		score_candidate(not_real, (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE }), 0);
}

static void score_negative_hint_count_costs_nothing(void **state)
{
	(void)state;
	struct pick picks[8];
	score_key_picks(&specimen, picks);
	struct score_result result = score_grade(&specimen, picks, -3);
	assert_int_equal(result.score_tenths, 120);
	assert_int_equal(result.hints_used, 0);
}

static void score_parses_and_names_verdicts(void **state)
{
	(void)state;
	static const struct {
		const char *word;
		enum verdict verdict;
		enum severity severity;
	} words[] = {
		{ "not-real", VERDICT_NOT_REAL, SEVERITY_NONE },
		{ "real", VERDICT_REAL, SEVERITY_NONE },
		{ "bug", VERDICT_REAL, SEVERITY_BUG },
		{ "warning", VERDICT_REAL, SEVERITY_WARNING },
		{ "minor", VERDICT_REAL, SEVERITY_MINOR },
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		struct pick pick;
		assert_true(score_parse_verdict(words[i].word, &pick));
		assert_int_equal(pick.verdict, words[i].verdict);
		assert_int_equal(pick.severity, words[i].severity);
		assert_string_equal(score_pick_name(pick), words[i].word);
	}
	struct pick pick;
	const char *bad[] = { "", "Bug", "notreal", "unanswered", "real ", "fatal" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(score_parse_verdict(bad[i], &pick));
	assert_string_equal(score_pick_name((struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE }), "");
	assert_string_equal(score_verdict_name(VERDICT_UNANSWERED), "unanswered");
	assert_string_equal(score_verdict_name(VERDICT_NOT_REAL), "not-real");
	assert_string_equal(score_verdict_name(VERDICT_REAL), "real");
}

static void score_key_picks_follow_the_key(void **state)
{
	(void)state;
	struct pick picks[3];
	score_key_picks(&distractors, picks);
	assert_int_equal(picks[0].verdict, VERDICT_REAL);
	assert_int_equal(picks[0].severity, SEVERITY_BUG);
	assert_int_equal(picks[1].verdict, VERDICT_NOT_REAL);
	/* a distractor's own severity is not part of the answer */
	assert_int_equal(picks[2].verdict, VERDICT_NOT_REAL);
	assert_int_equal(picks[2].severity, SEVERITY_NONE);
}

static void score_judges_right_partly_and_wrong(void **state)
{
	(void)state;
	const struct candidate *bug3 = &specimen_candidates[0];
	const struct candidate *minor1 = &specimen_candidates[4];
	const struct candidate *not_real = &distractor_candidates[1];
	assert_int_equal(score_judge(bug3, (struct pick){ VERDICT_REAL, SEVERITY_BUG }), JUDGED_RIGHT);
	assert_int_equal(score_judge(bug3, (struct pick){ VERDICT_REAL, SEVERITY_WARNING }),
			 JUDGED_PARTLY);
	/* Said real: partly right even when the severity earns nothing. */
	assert_int_equal(score_judge(minor1, (struct pick){ VERDICT_REAL, SEVERITY_BUG }), JUDGED_PARTLY);
	assert_int_equal(score_judge(bug3, (struct pick){ VERDICT_REAL, SEVERITY_NONE }), JUDGED_PARTLY);
	assert_int_equal(score_judge(bug3, (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE }),
			 JUDGED_WRONG);
	assert_int_equal(score_judge(bug3, (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE }),
			 JUDGED_WRONG);
	assert_int_equal(score_judge(not_real, (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE }),
			 JUDGED_RIGHT);
	assert_int_equal(score_judge(not_real, (struct pick){ VERDICT_REAL, SEVERITY_MINOR }),
			 JUDGED_WRONG);
	assert_string_equal(score_judgement_name(JUDGED_PARTLY), "partly");
}

static void score_summary_names_counts_hints_and_pass_mark(void **state)
{
	(void)state;
	struct pick picks[8];
	char text[256];
	parse_picks(&specimen, "bug warning minor not-real -", picks);
	struct score_result result = score_grade(&specimen, picks, 1);
	score_summary(&specimen, picks, &result, true, text, sizeof(text));
	/* 3 + 3 + 0.8 = 6.8 earned, 1.2 for the hint. */
	assert_string_equal(text, "2 right - 1 partly - 2 wrong - 6.8 earned - 1.2 for hints = 5.6 of 12 "
				  "(46%), pass at 70%");
	result = score_grade(&specimen, picks, 0);
	score_summary(&specimen, picks, &result, false, text, sizeof(text));
	assert_string_equal(text, "2 right \u00b7 1 partly \u00b7 2 wrong \u00b7 6.8 of 12 (56%), pass at 70%");
	struct score_tally tally = score_tally(&specimen, picks);
	assert_int_equal(tally.right, 2);
	assert_int_equal(tally.partly, 1);
	assert_int_equal(tally.wrong, 2);
}

/* Points are summed in 64 bits: a catalog's values are never trusted to fit an int. */
static void score_sums_large_points_without_overflow(void **state)
{
	(void)state;
	struct candidate big[3] = {
		CANDIDATE("a", true, SEVERITY_BUG, 2000000000),
		CANDIDATE("b", true, SEVERITY_BUG, 2000000000),
		CANDIDATE("c", false, SEVERITY_NONE, 2000000000),
	};
	struct exercise exercise = { .id = (char *)"big", .candidates = big, .candidate_count = 3 };
	struct pick picks[3];
	score_key_picks(&exercise, picks);
	struct score_result result = score_grade(&exercise, picks, 1);
	assert_true(result.max == 6000000000LL);
	assert_true(result.earned_tenths == 60000000000LL);
	assert_true(result.score_tenths == 54000000000LL);
	assert_true(result.passed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(score_grades_every_case_of_the_table),
		cmocka_unit_test(score_worked_example_holds_on_the_specimen_file),
		cmocka_unit_test(score_reports_max_value_and_percent),
		cmocka_unit_test(score_zero_point_exercise_is_100_percent),
		cmocka_unit_test(score_candidate_earns_tenths),
		cmocka_unit_test(score_negative_hint_count_costs_nothing),
		cmocka_unit_test(score_parses_and_names_verdicts),
		cmocka_unit_test(score_key_picks_follow_the_key),
		cmocka_unit_test(score_judges_right_partly_and_wrong),
		cmocka_unit_test(score_summary_names_counts_hints_and_pass_mark),
		cmocka_unit_test(score_sums_large_points_without_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
