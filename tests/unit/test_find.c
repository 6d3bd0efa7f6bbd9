/* Finding: the overlap rule (a flag finds a real candidate when it overlaps one
 * of its lines and is at most two lines longer; neighbours do not count), false alarms,
 * too-broad flags and
 * flags that fell for a tempting line, flag parsing with its errors, and the
 * check for real candidates that cannot be found. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "review/find.h"

static struct line_range real_a_lines[] = { { 10, 12 } };
static struct line_range real_b_lines[] = { { 3, 3 }, { 20, 20 } };
static struct line_range tempting_lines[] = { { 15, 15 } };
static struct candidate candidates[] = {
	{ .id = (char *)"a", .is_real = true, .severity = SEVERITY_BUG, .points = 4,
	  .lines = real_a_lines, .line_range_count = 1 },
	{ .id = (char *)"b", .is_real = true, .severity = SEVERITY_MINOR, .points = 1,
	  .lines = real_b_lines, .line_range_count = 2 },
	{ .id = (char *)"t", .is_real = false, .points = 2, .lines = tempting_lines,
	  .line_range_count = 1 },
	{ .id = (char *)"n", .is_real = true, .severity = SEVERITY_WARNING, .points = 2, .line = 30,
	  .column = 5 },
};
static const struct exercise exercise = { .id = (char *)"x", .path = (char *)"x.md",
					  .candidates = candidates, .candidate_count = 4,
					  .code_line_count = 40, .find = true };

#define FLAG(first, last) ((struct flag){ (first), (last), SEVERITY_NONE })

static void find_overlap_counts_any_line_of_a_range(void **state)
{
	(void)state;
	assert_true(find_flag_overlaps(&(struct flag){ 10, 10, SEVERITY_NONE }, &candidates[0]));
	assert_true(find_flag_overlaps(&(struct flag){ 12, 14, SEVERITY_NONE }, &candidates[0]));
	assert_true(find_flag_overlaps(&(struct flag){ 1, 40, SEVERITY_NONE }, &candidates[0]));
	assert_true(find_flag_overlaps(&(struct flag){ 20, 20, SEVERITY_NONE }, &candidates[1]));
	/* No tolerance: the line next to the key's is not it. */
	assert_false(find_flag_overlaps(&(struct flag){ 9, 9, SEVERITY_NONE }, &candidates[0]));
	assert_false(find_flag_overlaps(&(struct flag){ 13, 13, SEVERITY_NONE }, &candidates[0]));
	assert_false(find_flag_overlaps(&(struct flag){ 4, 19, SEVERITY_NONE }, &candidates[1]));
	/* A candidate without lines is never found. */
	assert_false(find_flag_overlaps(&(struct flag){ 1, 40, SEVERITY_NONE }, &candidates[3]));
}

static void find_score_counts_found_false_alarms_and_fell_for(void **state)
{
	(void)state;
	struct flag flags[] = { FLAG(11, 11), FLAG(15, 15), FLAG(25, 26), FLAG(14, 16) };
	struct find_result result = find_score(&exercise, flags, 4);
	assert_int_equal(result.real_count, 2); /* "n" has no lines: not findable */
	assert_int_equal(result.unfindable, 1);
	assert_int_equal(result.found_count, 1);
	assert_int_equal(result.found_points, 4);
	assert_int_equal(result.real_points, 5);
	assert_int_equal(result.false_alarms, 3);
	assert_int_equal(result.fell_for, 2);
	char text[200];
	find_summary(&result, text, sizeof(text));
	assert_string_equal(text, "found 1 of 2 real problems (4 of 5 points' worth) on your own, "
				  "3 false alarms (2 on a tempting line)");
}

static void find_flag_on_real_and_tempting_lines_is_a_hit(void **state)
{
	(void)state;
	/* One range over a real and a tempting candidate found the real one: no alarm. */
	struct flag flags[] = { FLAG(12, 15) };
	struct find_result result = find_score(&exercise, flags, 1);
	assert_int_equal(result.found_count, 1);
	assert_int_equal(result.false_alarms, 0);
	assert_int_equal(result.fell_for, 0);
	assert_int_equal(find_flag_kind(&exercise, &flags[0]), FIND_FLAG_HIT);
}

/* Flagging the whole code names every line, and so points at none: a flag finds
 * a range only when it is at most FIND_SLACK_LINES longer than it. */
static void find_too_broad_flag_finds_nothing(void **state)
{
	(void)state;
	/* a is 10-12 (3 lines): up to 5 lines point at it. */
	assert_true(find_flag_points_at(&FLAG(8, 12), &candidates[0]));
	assert_true(find_flag_points_at(&FLAG(10, 14), &candidates[0]));
	assert_false(find_flag_points_at(&FLAG(8, 13), &candidates[0]));
	/* b's ranges are single lines: up to 3 lines, each range on its own. */
	assert_true(find_flag_points_at(&FLAG(18, 20), &candidates[1]));
	assert_false(find_flag_points_at(&FLAG(17, 20), &candidates[1]));
	assert_false(find_flag_points_at(&FLAG(3, 20), &candidates[1]));
	struct flag flags[] = { FLAG(1, 40), FLAG(3, 15), FLAG(30, 31), FLAG(14, 16) };
	struct find_result result = find_score(&exercise, flags, 4);
	assert_int_equal(result.found_count, 0);
	assert_int_equal(result.flag_count, 4);
	assert_int_equal(result.false_alarms, 4);
	assert_int_equal(result.too_broad, 2);
	assert_int_equal(result.fell_for, 1);
	assert_int_equal(find_flag_kind(&exercise, &flags[0]), FIND_FLAG_TOO_BROAD);
	assert_int_equal(find_flag_kind(&exercise, &flags[2]), FIND_FLAG_FALSE_ALARM);
	assert_int_equal(find_flag_kind(&exercise, &flags[3]), FIND_FLAG_FELL_FOR);
	assert_string_equal(find_flag_kind_name(FIND_FLAG_TOO_BROAD), "too-broad");
	char text[200];
	find_summary(&result, text, sizeof(text));
	assert_string_equal(text, "found 0 of 2 real problems (0 of 5 points' worth) on your own, "
				  "4 false alarms (1 on a tempting line, 2 too broad)");
}

static void find_nothing_flagged_finds_nothing(void **state)
{
	(void)state;
	struct find_result result = find_score(&exercise, NULL, 0);
	assert_int_equal(result.found_count, 0);
	assert_int_equal(result.false_alarms, 0);
	char text[200];
	find_summary(&result, text, sizeof(text));
	assert_string_equal(text, "found 0 of 2 real problems (0 of 5 points' worth) on your own, "
				  "0 false alarms");
}

static void find_parses_lines_ranges_and_severities(void **state)
{
	(void)state;
	struct flag flag;
	char message[128], text[64];
	assert_true(find_parse_flag("12", 40, &flag, message, sizeof(message)));
	assert_int_equal(flag.first, 12);
	assert_int_equal(flag.last, 12);
	assert_int_equal(flag.severity, SEVERITY_NONE);
	assert_true(find_parse_flag("14-16:bug", 40, &flag, message, sizeof(message)));
	assert_int_equal(flag.first, 14);
	assert_int_equal(flag.last, 16);
	assert_int_equal(flag.severity, SEVERITY_BUG);
	find_format_flag(&flag, text, sizeof(text));
	assert_string_equal(text, "14-16:bug");
	assert_true(find_parse_flag("40:minor", 40, &flag, message, sizeof(message)));
	find_format_flag(&flag, text, sizeof(text));
	assert_string_equal(text, "40:minor");
}

static void find_rejects_bad_flags_with_reasons(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *reason;
	} cases[] = {
		{ "41", "line 41 is past the code's 40 lines" },
		{ "16-14", "the range 16-14 runs backwards; write 14-16" },
		{ "0", "code lines are numbered from 1, not 0" },
		{ "3:fatal", "unknown severity 'fatal' (bug, warning or minor)" },
		{ "3:Bug", "unknown severity 'Bug' (bug, warning or minor)" },
		{ "", "'' is not a line or a range such as 12 or 14-16" },
		{ "x", "'x' is not a line or a range such as 12 or 14-16" },
		{ "-3", "'-3' is not a line or a range such as 12 or 14-16" },
		{ "3-", "'3-' is not a line or a range such as 12 or 14-16" },
		{ "1-2-3", "'1-2-3' is not a line or a range such as 12 or 14-16" },
		{ "9999999999", "'9999999999' is not a line or a range such as 12 or 14-16" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct flag flag;
		char message[128] = "";
		if (find_parse_flag(cases[i].text, 40, &flag, message, sizeof(message)))
			fail_msg("'%s' parsed", cases[i].text);
		if (strcmp(message, cases[i].reason) != 0)
			fail_msg("'%s': got '%s', expected '%s'", cases[i].text, message, cases[i].reason);
	}
}

static void find_check_names_real_candidates_without_lines(void **state)
{
	(void)state;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_int_equal(find_check(&exercise, DIAG_WARNING, &diags), 1);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].file, "x.md");
	assert_int_equal(diags.items[0].line, 30);
	assert_int_equal(diags.items[0].column, 5);
	assert_non_null(strstr(diags.items[0].message, "candidate 'n' is real but has no lines"));
	diag_list_free(&diags);
	struct exercise opted_out = exercise;
	opted_out.find = false;
	assert_int_equal(find_check(&opted_out, DIAG_ERROR, &diags), 0);
	assert_int_equal(diags.count, 0);
	diag_list_free(&diags);
}

static void find_line_flagged_covers_ranges(void **state)
{
	(void)state;
	struct flag flags[] = { FLAG(3, 5), FLAG(9, 9) };
	assert_false(find_line_flagged(flags, 2, 2));
	assert_true(find_line_flagged(flags, 2, 3));
	assert_true(find_line_flagged(flags, 2, 5));
	assert_false(find_line_flagged(flags, 2, 6));
	assert_true(find_line_flagged(flags, 2, 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_overlap_counts_any_line_of_a_range),
		cmocka_unit_test(find_score_counts_found_false_alarms_and_fell_for),
		cmocka_unit_test(find_flag_on_real_and_tempting_lines_is_a_hit),
		cmocka_unit_test(find_too_broad_flag_finds_nothing),
		cmocka_unit_test(find_nothing_flagged_finds_nothing),
		cmocka_unit_test(find_parses_lines_ranges_and_severities),
		cmocka_unit_test(find_rejects_bad_flags_with_reasons),
		cmocka_unit_test(find_check_names_real_candidates_without_lines),
		cmocka_unit_test(find_line_flagged_covers_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
