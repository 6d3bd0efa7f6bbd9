/* Answers files (YAML and JSON) and ID=VERDICT strings: what parses, and every
 * error with its message and FILE:LINE:COL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review/answers.h"
#include "review/yamlerror.h"

#define CANDIDATE(id_, real_, severity_, points_) \
	{ .id = (char *)(id_), .text = (char *)(id_), .is_real = (real_), \
	  .severity = (severity_), .points = (points_) }

static struct candidate candidates[] = {
	CANDIDATE("i1", true, SEVERITY_BUG, 3),
	CANDIDATE("i2", true, SEVERITY_WARNING, 3),
	CANDIDATE("i3", false, SEVERITY_NONE, 2),
	CANDIDATE("i4", true, SEVERITY_BUG, 3),
	CANDIDATE("i5", true, SEVERITY_MINOR, 1),
};
static char *hints[] = { (char *)"h1", (char *)"h2", (char *)"h3" };
static const struct exercise exercise = {
	.id = (char *)"answers", .candidates = candidates, .candidate_count = 5,
	.hints = hints, .hint_count = 3, .code_line_count = 20,
};

/* Expected picks as words, "-" for unanswered. */
static void assert_picks(const struct answers *answers, const char *const expected[5])
{
	for (size_t i = 0; i < 5; i++) {
		const char *got = answers->picks[i].verdict == VERDICT_UNANSWERED
					  ? "-"
					  : score_pick_name(answers->picks[i]);
		if (strcmp(got, expected[i]) != 0)
			fail_msg("candidate %s: got %s, expected %s", candidates[i].id, got,
				 expected[i]);
	}
}

static enum answers_status parse(const char *text, struct answers *answers,
				 struct diag_list *diags)
{
	assert_true(answers_init(answers, &exercise));
	return answers_parse_buffer(&exercise, "a.yaml", text, strlen(text), answers, diags);
}

struct valid_case {
	const char *name;
	const char *text;
	const char *picks[5];
	int hints;
};

static const struct valid_case valid_cases[] = {
	{ "block YAML", "answers:\n  i1: bug\n  i2: real\n  i3: not-real\nhints: 1\n",
	  { "bug", "real", "not-real", "-", "-" }, 1 },
	{ "JSON", "{\"answers\": {\"i1\": \"bug\", \"i5\": \"minor\"}, \"hints\": 0}",
	  { "bug", "-", "-", "-", "minor" }, 0 },
	{ "JSON on several lines", "{\n  \"answers\": {\n    \"i4\": \"warning\"\n  },\n  \"hints\": 3\n}\n",
	  { "-", "-", "-", "warning", "-" }, 3 },
	{ "hints absent", "answers:\n  i2: warning\n", { "-", "warning", "-", "-", "-" }, 0 },
	{ "empty answers", "answers: {}\n", { "-", "-", "-", "-", "-" }, 0 },
	{ "hints first, comments, quoted verdicts",
	  "# my answers\nhints: 2 # two\nanswers:\n  'i3': \"not-real\"  # distractor\n",
	  { "-", "-", "not-real", "-", "-" }, 2 },
	{ "BOM and CRLF", "\xEF\xBB\xBF" "answers:\r\n  i1: minor\r\nhints: 0\r\n",
	  { "minor", "-", "-", "-", "-" }, 0 },
	{ "explicit document markers", "---\nanswers: {i1: bug, i2: bug}\n...\n",
	  { "bug", "bug", "-", "-", "-" }, 0 },
	{ "anchors without aliases", "answers: &a\n  i1: &v bug\n", { "bug", "-", "-", "-", "-" },
	  0 },
	{ "numbers in the order shown (here the file's), plain and quoted",
	  "answers:\n  2: bug\n  \"5\": minor\n  i3: real\n", { "-", "bug", "real", "-", "minor" }, 0 },
};

static void answers_parses_valid_files(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(valid_cases) / sizeof(valid_cases[0]); i++) {
		const struct valid_case *c = &valid_cases[i];
		struct answers answers;
		struct diag_list diags = DIAG_LIST_INIT;
		enum answers_status status = parse(c->text, &answers, &diags);
		if (status != ANSWERS_OK)
			fail_msg("%s: %s", c->name, diags.count ? diags.items[0].message : "?");
		assert_int_equal(diags.count, 0);
		assert_picks(&answers, c->picks);
		assert_int_equal(answers.hints, c->hints);
		answers_free(&answers);
		diag_list_free(&diags);
	}
}

struct error_case {
	const char *name;
	const char *text;
	const char *message; /* the first error's message contains this */
	int line;
	int column;
};

static const struct error_case error_cases[] = {
	{ "syntax error", "answers:\n  i1: bug\n i2: real\n",
	  "YAML syntax error: did not find expected key (while parsing a block mapping)", 3, 2 },
	{ "unclosed flow mapping", "answers: {i1: bug\n",
	  "YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping)", 2, 1 },
	{ "syntax error at the end of a file without a newline", "answers: {i1: bug",
	  "YAML syntax error: did not find expected ',' or '}'", 1, 18 },
	{ "a JSON file cut short", "{\"answers\": {\"1\": \"bug\"",
	  "JSON syntax error: did not find expected ',' or '}' (while parsing a flow mapping); the file "
	  "ends first: is it cut short?", 1, 24 },
	{ "a JSON syntax error before the end", "{\"answers\": {\"1\": \"bug\" \"2\": \"minor\"}}\n",
	  "JSON syntax error: did not find expected ',' or '}' (while parsing a flow mapping)", 1, 25 },
	{ "root not a mapping", "- i1\n",
	  "an answers file is a mapping with the keys 'answers' and 'hints'", 1, 1 },
	{ "root a scalar", "i1=bug\n", "an answers file is a mapping", 1, 1 },
	{ "empty file", "", "the answers file is empty", 1, 1 },
	{ "only comments", "# nothing\n", "the answers file is empty", 1, 1 },
	{ "missing answers", "hints: 1\n", "missing key 'answers'", 1, 1 },
	{ "unknown top-level key", "answers: {}\nhint: 1\n",
	  "unknown key 'hint' (expected 'answers', 'hints' or 'flags')", 2, 1 },
	{ "non-scalar top-level key", "answers: {}\n[a]: 1\n",
	  "a key must be 'answers', 'hints' or 'flags'", 2, 1 },
	{ "flags not a list", "answers: {}\nflags: 12\n",
	  "'flags' must be a list of lines or ranges", 2, 8 },
	{ "a flag past the code", "answers: {}\nflags: [3, 21]\n",
	  "line 21 is past the code's 20 lines", 2, 12 },
	{ "a flag range backwards", "answers: {}\nflags:\n  - 3\n  - 9-4\n",
	  "the range 9-4 runs backwards; write 4-9", 4, 5 },
	{ "a flag with an unknown severity", "answers: {}\nflags: [\"4-5:fatal\"]\n",
	  "unknown severity 'fatal' (bug, warning or minor)", 2, 9 },
	{ "a flag at line 0", "answers: {}\nflags: [0]\n", "code lines are numbered from 1, not 0",
	  2, 9 },
	{ "a flag that is a mapping", "answers: {}\nflags: [{a: 1}]\n",
	  "a flag is a line or a range, such as 12 or 14-16", 2, 9 },
	{ "answers twice", "answers: {}\nanswers: {}\n", "'answers' appears twice (first at line 1)",
	  2, 1 },
	{ "answers not a mapping", "answers: [i1]\n",
	  "'answers' must be a mapping of candidate ids to verdicts", 1, 10 },
	{ "a number past the candidates", "answers:\n  6: bug\n",
	  "unknown candidate '6' (name one by its number as shown, 1 to 5, or by its id)", 2, 3 },
	{ "unknown candidate", "answers:\n  i1: bug\n  i9: bug\n",
	  "unknown candidate 'i9' (name one by its number as shown, 1 to 5, or by its id)", 3, 3 },
	{ "unknown verdict", "answers:\n  i1: bgu\n",
	  "unknown verdict 'bgu' for 'i1' (expected not-real, real, bug, warning or minor)", 2, 7 },
	{ "verdict in the wrong case", "answers:\n  i1: Bug\n", "unknown verdict 'Bug' for 'i1'", 2,
	  7 },
	{ "empty verdict", "answers:\n  i1:\n", "unknown verdict '' for 'i1'", 2, 6 },
	{ "verdict not a scalar", "answers:\n  i1: [bug]\n",
	  "the verdict for 'i1' must be one of not-real, real, bug, warning or minor", 2, 7 },
	{ "candidate id not a scalar", "answers:\n  [i1]: bug\n", "a candidate id must be a plain word",
	  2, 3 },
	{ "candidate id with a NUL", "answers:\n  \"i1\\0x\": bug\n", "unknown candidate 'i1'", 2,
	  3 },
	{ "candidate answered twice", "answers:\n  i1: bug\n  i1: real\n",
	  "candidate 'i1' is answered twice", 3, 3 },
	{ "more hints than the exercise has", "answers: {}\nhints: 4\n",
	  "hints is 4 but the exercise has only 3 hints", 2, 8 },
	{ "negative hints", "answers: {}\nhints: -1\n", "hints must not be negative, got -1", 2, 8 },
	{ "fractional hints", "answers: {}\nhints: 1.5\n", "hints must be a whole number, not '1.5'",
	  2, 8 },
	{ "word for hints", "answers: {}\nhints: two\n", "hints must be a whole number, not 'two'", 2,
	  8 },
	{ "quoted hints", "answers: {}\nhints: \"1\"\n",
	  "hints must be a whole number, not a quoted string", 2, 8 },
	{ "hints a mapping", "answers: {}\nhints: {n: 1}\n", "hints must be a whole number", 2, 8 },
	{ "huge hints", "answers: {}\nhints: 99999999999999999999999\n",
	  "hints is 99999999999999999999999 but the exercise has only 3 hints", 2, 8 },
	{ "alias", "answers:\n  i1: &v bug\n  i2: *v\n",
	  "aliases (*v) are not supported in answers files", 3, 7 },
	{ "alias as the root", "*x\n", "aliases (*x) are not supported", 1, 1 },
	{ "two documents", "answers: {}\n---\nanswers: {}\n",
	  "an answers file holds one document, found a second one", 2, 1 },
	{ "invalid UTF-8", "answers:\n  i1: b\xFF" "ug\n", "YAML syntax error: invalid", 2, 8 },
	{ "control character", "answers:\n  i1: \x1b[31mbug\n",
	  "YAML syntax error: control characters are not allowed", 2, 7 },
};

static void answers_reports_each_error_with_its_position(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		const struct error_case *c = &error_cases[i];
		struct answers answers;
		struct diag_list diags = DIAG_LIST_INIT;
		enum answers_status status = parse(c->text, &answers, &diags);
		if (status != ANSWERS_INVALID || diags.count == 0)
			fail_msg("%s: accepted", c->name);
		const struct diag *d = &diags.items[0];
		if (!strstr(d->message, c->message) || d->line != c->line || d->column != c->column)
			fail_msg("%s: got %d:%d: %s; expected %d:%d: %s", c->name, d->line, d->column,
				 d->message, c->line, c->column, c->message);
		assert_string_equal(d->file, "a.yaml");
		assert_int_equal(d->level, DIAG_ERROR);
		answers_free(&answers);
		diag_list_free(&diags);
	}
}

static void answers_reads_flags(void **state)
{
	(void)state;
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;
	const char *text = "answers: {i1: bug}\nflags: [12, \"14-16:bug\", 3-3]\n";
	assert_int_equal(parse(text, &answers, &diags), ANSWERS_OK);
	assert_true(answers.has_flags);
	assert_int_equal(answers.flag_count, 3);
	assert_int_equal(answers.flags[0].first, 12);
	assert_int_equal(answers.flags[1].last, 16);
	assert_int_equal(answers.flags[1].severity, SEVERITY_BUG);
	assert_int_equal(answers.flags[2].first, 3);
	answers_free(&answers);
	/* An empty list is a find phase that flagged nothing; no key is no find phase. */
	assert_int_equal(parse("answers: {}\nflags: []\n", &answers, &diags), ANSWERS_OK);
	assert_true(answers.has_flags);
	assert_int_equal(answers.flag_count, 0);
	answers_free(&answers);
	assert_int_equal(parse("answers: {}\n", &answers, &diags), ANSWERS_OK);
	assert_false(answers.has_flags);
	answers_free(&answers);
	diag_list_free(&diags);
}

static void answers_applies_flags_from_the_command_line(void **state)
{
	(void)state;
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_true(answers_init(&answers, &exercise));
	assert_true(answers_apply_flag(&exercise, "7-9:minor", "--flag", &answers, &diags));
	assert_false(answers_apply_flag(&exercise, "30", "--flag", &answers, &diags));
	assert_int_equal(answers.flag_count, 1);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].file, "--flag");
	assert_string_equal(diags.items[0].message, "'30': line 30 is past the code's 20 lines");
	for (int i = 1; i < FIND_MAX_FLAGS; i++)
		assert_true(answers_apply_flag(&exercise, "1", "--flag", &answers, &diags));
	assert_false(answers_apply_flag(&exercise, "1", "--flag", &answers, &diags));
	assert_string_equal(diags.items[1].message, "'1': more than 200 flags");
	answers_free(&answers);
	diag_list_free(&diags);
}

static void answers_reports_every_bad_entry(void **state)
{
	(void)state;
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;
	const char *text = "answers:\n  i9: bug\n  i1: bgu\n  i2: minor\nhints: 7\nextra: 1\n";
	assert_int_equal(parse(text, &answers, &diags), ANSWERS_INVALID);
	assert_int_equal(diags.count, 4);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[1].line, 3);
	assert_int_equal(diags.items[2].line, 5);
	assert_int_equal(diags.items[3].line, 6);
	/* the good entry between the bad ones still counts */
	assert_int_equal(answers.picks[1].severity, SEVERITY_MINOR);
	answers_free(&answers);
	diag_list_free(&diags);
}

static void answers_stops_deep_nesting_early(void **state)
{
	(void)state;
	size_t depth = 200000;
	char *text = malloc(depth + 16);
	assert_non_null(text);
	memcpy(text, "answers: ", 9);
	memset(text + 9, '[', depth);
	text[9 + depth] = '\0';
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_int_equal(parse(text, &answers, &diags), ANSWERS_INVALID);
	/* first that `answers` is no mapping, then the limit, and nothing after it */
	assert_int_equal(diags.count, 2);
	assert_string_equal(diags.items[1].message, "nested deeper than 16 levels");
	assert_int_equal(diags.items[1].line, 1);
	assert_int_equal(diags.items[1].column, 9 + ANSWERS_MAX_DEPTH);
	answers_free(&answers);
	diag_list_free(&diags);
	free(text);
}

struct assignment_case {
	const char *text;
	const char *message; /* NULL when it applies */
};

static void answers_applies_assignments(void **state)
{
	(void)state;
	static const struct assignment_case cases[] = {
		{ "i1=bug", NULL },
		{ "i3=not-real", NULL },
		{ "i2=real", NULL },
		{ "i1=minor", "candidate 'i1' is answered twice" },
		{ "i4", "'i4' is not ID=VERDICT" },
		{ "=bug", "'=bug' is not ID=VERDICT" },
		{ "i9=bug", "unknown candidate 'i9' (name one by its number as shown, 1 to 5, or by its id)" },
		{ "i4=fatal", "unknown verdict 'fatal' for 'i4' (expected not-real, real, bug, warning or minor)" },
		{ "i4=", "unknown verdict '' for 'i4'" },
		{ "i4=bug=x", "unknown verdict 'bug=x' for 'i4'" },
	};
	struct answers answers;
	assert_true(answers_init(&answers, &exercise));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diag_list diags = DIAG_LIST_INIT;
		bool ok = answers_apply_assignment(&exercise, cases[i].text, "--answer", &answers,
						   &diags);
		if (!cases[i].message) {
			if (!ok)
				fail_msg("%s: %s", cases[i].text, diags.items[0].message);
		} else {
			assert_false(ok);
			assert_int_equal(diags.count, 1);
			if (!strstr(diags.items[0].message, cases[i].message))
				fail_msg("%s: got '%s'", cases[i].text, diags.items[0].message);
			assert_string_equal(diags.items[0].file, "--answer");
			assert_int_equal(diags.items[0].line, 0);
		}
		diag_list_free(&diags);
	}
	const char *expected[5] = { "bug", "real", "not-real", "-", "-" };
	assert_picks(&answers, expected);
	answers_free(&answers);
}

/* Numbers name candidates in the order the learner was shown, set in positions. */
static void answers_name_candidates_by_number_in_the_order_shown(void **state)
{
	(void)state;
	static const struct assignment_case cases[] = {
		{ "1=bug", NULL },      /* shown first: the fifth candidate */
		{ "3=not-real", NULL }, /* shown third: the first */
		{ "i1=minor", "candidate 'i1' is answered twice" },
		{ "1=minor", "candidate '1' is answered twice" },
		{ "0=bug", "unknown candidate '0' (name one by its number as shown, 1 to 5" },
		{ "6=bug", "unknown candidate '6'" },
		{ "007=bug", "unknown candidate '007'" },
		{ "1234567=bug", "unknown candidate '1234567'" },
		{ "-1=bug", "unknown candidate '-1'" },
		{ "2=warning", NULL },  /* shown second: the third */
	};
	static const size_t shown[5] = { 4, 2, 0, 3, 1 };
	struct answers answers;
	assert_true(answers_init(&answers, &exercise));
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(answers.positions[i], i); /* the file's order to begin with */
	memcpy(answers.positions, shown, sizeof(shown));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diag_list diags = DIAG_LIST_INIT;
		bool ok = answers_apply_assignment(&exercise, cases[i].text, "--answer", &answers,
						   &diags);
		if (!cases[i].message && !ok)
			fail_msg("%s: %s", cases[i].text, diags.items[0].message);
		if (cases[i].message && (ok || !strstr(diags.items[0].message, cases[i].message)))
			fail_msg("%s: got '%s'", cases[i].text, ok ? "accepted" : diags.items[0].message);
		diag_list_free(&diags);
	}
	const char *expected[5] = { "not-real", "-", "warning", "-", "bug" };
	assert_picks(&answers, expected);
	answers_free(&answers);
}

static void answers_applies_hint_counts(void **state)
{
	(void)state;
	static const struct assignment_case cases[] = {
		{ "0", NULL },
		{ "3", NULL },
		{ "4", "hints is 4 but the exercise has only 3 hints" },
		{ "-1", "hints must not be negative, got -1" },
		{ "x", "hints must be a whole number, not 'x'" },
		{ "", "hints must be a whole number, not ''" },
		{ "2 ", "hints must be a whole number, not '2 '" },
		{ "99999999999999999999", "hints is 99999999999999999999 but the exercise has only 3" },
	};
	struct answers answers;
	assert_true(answers_init(&answers, &exercise));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diag_list diags = DIAG_LIST_INIT;
		bool ok = answers_apply_hints(&exercise, cases[i].text, "--hints", &answers, &diags);
		assert_int_equal(ok, cases[i].message == NULL);
		if (cases[i].message && !strstr(diags.items[0].message, cases[i].message))
			fail_msg("%s: got '%s'", cases[i].text, diags.items[0].message);
		diag_list_free(&diags);
	}
	assert_int_equal(answers.hints, 3);
	answers_free(&answers);
}

static void answers_singular_hint_in_message(void **state)
{
	(void)state;
	struct exercise one = exercise;
	one.hint_count = 1;
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_true(answers_init(&answers, &one));
	assert_false(answers_apply_hints(&one, "2", "--hints", &answers, &diags));
	assert_string_equal(diags.items[0].message, "hints is 2 but the exercise has only 1 hint");
	answers_free(&answers);
	diag_list_free(&diags);
}

static void answers_loads_files_and_streams(void **state)
{
	(void)state;
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;

	assert_true(answers_init(&answers, &exercise));
	assert_int_equal(answers_load_file(&exercise, "/nonexistent/a.yaml", &answers, &diags),
			 ANSWERS_IO_ERROR);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].message, "cannot open: No such file or directory");
	diag_list_free(&diags);

	FILE *stream = tmpfile();
	assert_non_null(stream);
	fputs("answers:\n  i5: minor\nhints: 2\n", stream);
	rewind(stream);
	assert_int_equal(answers_load_stream(&exercise, "<stdin>", stream, &answers, &diags),
			 ANSWERS_OK);
	assert_int_equal(answers.picks[4].severity, SEVERITY_MINOR);
	assert_int_equal(answers.hints, 2);
	fclose(stream);
	answers_free(&answers);
}

static void answers_refuses_oversized_input(void **state)
{
	(void)state;
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;
	FILE *stream = tmpfile();
	assert_non_null(stream);
	fputs("answers: {}\n", stream);
	for (size_t i = 0; i < ANSWERS_MAX_FILE_BYTES / 64 + 1; i++)
		fprintf(stream, "# %61s\n", "padding");
	rewind(stream);
	assert_true(answers_init(&answers, &exercise));
	assert_int_equal(answers_load_stream(&exercise, "big.yaml", stream, &answers, &diags),
			 ANSWERS_INVALID);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].message, "answers file larger than 1048576 bytes");
	fclose(stream);
	answers_free(&answers);
	diag_list_free(&diags);
}

static void answers_init_handles_an_exercise_without_candidates(void **state)
{
	(void)state;
	struct exercise empty = { .id = (char *)"empty" };
	struct answers answers;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_true(answers_init(&answers, &empty));
	assert_int_equal(answers.pick_count, 0);
	assert_int_equal(answers_parse_buffer(&empty, "e.yaml", "answers: {}\n", 12, &answers,
					      &diags),
			 ANSWERS_OK);
	answers_free(&answers);
	assert_null(answers.picks);
}

/* What a syntax error is called, and when it says the file may be cut short. */
static void syntax_errors_name_json_and_a_cut_short_file(void **state)
{
	(void)state;
	assert_string_equal(yamlerror_language(" \n{\"a\": 1}", 10), "JSON");
	assert_string_equal(yamlerror_language("[1, 2]", 6), "JSON");
	assert_string_equal(yamlerror_language("answers: {i1: bug}", 18), "YAML");
	assert_string_equal(yamlerror_language("", 0), "YAML");
	assert_true(yamlerror_at_end("{\"a\": ", 6, 6));
	assert_true(yamlerror_at_end("{\"a\": \n\n", 8, 5)); /* only blanks after */
	assert_false(yamlerror_at_end("{\"a\" \"b\"}", 9, 5));
	assert_string_equal(yamlerror_end_note("{\"a\" \"b\"}", 9, 5), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(syntax_errors_name_json_and_a_cut_short_file),
		cmocka_unit_test(answers_parses_valid_files),
		cmocka_unit_test(answers_reports_each_error_with_its_position),
		cmocka_unit_test(answers_reports_every_bad_entry),
		cmocka_unit_test(answers_reads_flags),
		cmocka_unit_test(answers_applies_flags_from_the_command_line),
		cmocka_unit_test(answers_stops_deep_nesting_early),
		cmocka_unit_test(answers_applies_assignments),
		cmocka_unit_test(answers_applies_hint_counts),
		cmocka_unit_test(answers_singular_hint_in_message),
		cmocka_unit_test(answers_loads_files_and_streams),
		cmocka_unit_test(answers_refuses_oversized_input),
		cmocka_unit_test(answers_init_handles_an_exercise_without_candidates),
		cmocka_unit_test(answers_name_candidates_by_number_in_the_order_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
