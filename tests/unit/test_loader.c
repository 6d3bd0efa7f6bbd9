/* Loader tests: valid variants load exactly like the plain file; every invalid
 * fixture gives exactly the diagnostics in its .expected file. */
#include <dirent.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "review/highlight.h"
#include "review/loader.h"

static struct exercise *load_ok(const char *name, struct diag_list *diags)
{
	char path[512];
	struct exercise *exercise = NULL;
	snprintf(path, sizeof(path), "%s/%s", FIXTURES_DIR, name);
	assert_int_equal(loader_load_file(path, &exercise, diags), LOADER_OK);
	assert_non_null(exercise);
	return exercise;
}

static void assert_same_strings(char **a, size_t na, char **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

static void assert_same_candidate(const struct candidate *a, const struct candidate *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->text, b->text);
	assert_int_equal(a->is_real, b->is_real);
	assert_int_equal(a->severity, b->severity);
	assert_int_equal(a->points, b->points);
	if (a->explanation || b->explanation)
		assert_string_equal(a->explanation, b->explanation);
	assert_int_equal(a->line_range_count, b->line_range_count);
	for (size_t i = 0; i < a->line_range_count; i++) {
		assert_int_equal(a->lines[i].first, b->lines[i].first);
		assert_int_equal(a->lines[i].last, b->lines[i].last);
	}
}

/* Candidates are compared by id: a variant may list them in another order. */
static void assert_same_exercise(const struct exercise *a, const struct exercise *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->code, b->code);
	assert_int_equal(a->code_line_count, b->code_line_count);
	assert_string_equal(a->language, b->language);
	assert_string_equal(a->context, b->context);
	assert_string_equal(a->prompt, b->prompt);
	assert_int_equal(a->difficulty, b->difficulty);
	assert_string_equal(a->track, b->track);
	assert_int_equal(a->track_level, b->track_level);
	assert_int_equal(a->track_order, b->track_order);
	assert_same_strings(a->tags, a->tag_count, b->tags, b->tag_count);
	assert_same_strings(a->hints, a->hint_count, b->hints, b->hint_count);
	assert_int_equal(a->candidate_count, b->candidate_count);
	for (size_t i = 0; i < a->candidate_count; i++) {
		int j = exercise_find_candidate(b, a->candidates[i].id);
		assert_true(j >= 0);
		assert_same_candidate(&a->candidates[i], &b->candidates[j]);
	}
}

static void loader_loads_every_variant_like_the_plain_file(void **state)
{
	static const char *const variants[] = {
		"crlf.md", "bom.md", "flow.md", "anchors.md", "merge_keys.md",
		"block_scalars.md", "quoted.md", "reordered_comments.md",
	};
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *plain = load_ok("valid/plain.md", &diags);
	(void)state;
	assert_int_equal(plain->candidate_count, 2);
	assert_string_equal(plain->code, "def add(a, b):\n    return a - b\n\nprint(add(1, 2))");
	for (size_t i = 0; i < sizeof(variants) / sizeof(*variants); i++) {
		char name[64];
		snprintf(name, sizeof(name), "valid/%s", variants[i]);
		struct exercise *variant = load_ok(name, &diags);
		print_message("variant %s\n", variants[i]);
		assert_same_exercise(plain, variant);
		exercise_free(variant);
	}
	assert_int_equal(diags.count, 0);
	exercise_free(plain);
	diag_list_free(&diags);
}

static void loader_keeps_unicode_and_tabs_in_code(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = load_ok("valid/unicode_tabs.md", &diags);
	(void)state;
	assert_string_equal(exercise->title, "Unicode — 日本語 and tabs");
	assert_non_null(strstr(exercise->code, "\tconst char *s = \"héllo 世界 🙂\";"));
	assert_int_equal(exercise->code_line_count, 5);
	assert_int_equal(exercise->candidates[0].lines[0].first, 3);
	assert_int_equal(exercise->candidates[1].severity, SEVERITY_NONE);
	assert_int_equal(exercise->candidates[1].points, 1);
	assert_string_equal(exercise->prompt, "Body with ünïcödé.\n");
	exercise_free(exercise);
	diag_list_free(&diags);
}

static void loader_ends_front_matter_at_the_first_delimiter(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = load_ok("valid/body_with_dashes.md", &diags);
	(void)state;
	assert_non_null(strstr(exercise->prompt, "\n---\n"));
	assert_non_null(strstr(exercise->prompt, "Second part"));
	assert_int_equal(exercise->candidates[0].lines[0].first, 1);
	assert_int_equal(exercise->candidates[0].lines[0].last, 1);
	exercise_free(exercise);
	diag_list_free(&diags);
}

static void loader_derives_an_id_and_accepts_no_body(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = load_ok("valid/no_body.md", &diags);
	char derived[14];
	(void)state;
	exercise_derive_id("elsewhere/deeper/no_body.txt", derived);
	assert_string_equal(exercise->id, derived);
	assert_false(exercise->id_explicit);
	assert_int_equal(strlen(exercise->id), 13);
	assert_string_equal(exercise->prompt, "");
	assert_string_equal(exercise->language, "text");
	assert_int_equal(exercise->candidates[0].points, 0);
	assert_int_equal(exercise->track_level, -1);
	exercise_free(exercise);
	diag_list_free(&diags);
}

/* Jekyll and Hugo authors leave an optional key empty to mean "none". */
static void loader_reads_an_empty_optional_key_as_absent(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = load_ok("valid/empty_optional_keys.md", &diags);
	(void)state;
	assert_int_equal(diags.count, 0);
	assert_int_equal(exercise->tag_count, 0);
	assert_int_equal(exercise->hint_count, 0);
	assert_null(exercise->context);
	assert_null(exercise->track);
	assert_string_equal(exercise->language, "text");
	assert_null(exercise->candidates[0].explanation);
	assert_int_equal(exercise->candidates[0].line_range_count, 0);
	assert_int_equal(exercise->candidates[0].points, 1);
	exercise_free(exercise);
	diag_list_free(&diags);
}

static char *read_text(const char *path);

/* `language` is checked against the highlighting table, and review-exercise(5)
 * lists that table for authors: every language's name and aliases appear in
 * its LANGUAGES section. */
static void man_page_lists_every_highlighted_language(void **state)
{
	char *page = read_text(FIXTURES_DIR "/../../docs/review-exercise.5");
	char *section = strstr(page, ".SH LANGUAGES");
	(void)state;
	assert_non_null(section);
	char *end = strstr(section + 1, ".SH ");
	if (end)
		*end = '\0';
	for (size_t i = 0; i < highlight_language_count(); i++) {
		char names[128];
		snprintf(names, sizeof(names), "%s", highlight_language_names(i));
		char canonical[32];
		snprintf(canonical, sizeof(canonical), "%.*s", (int)strcspn(names, " "), names);
		char as_listed[40];
		snprintf(as_listed, sizeof(as_listed), "%s (", canonical);
		bool found = strstr(section, as_listed) != NULL;
		snprintf(as_listed, sizeof(as_listed), "%s,", canonical);
		found = found || strstr(section, as_listed) != NULL;
		snprintf(as_listed, sizeof(as_listed), "%s;", canonical);
		found = found || strstr(section, as_listed) != NULL;
		print_message("language %s\n", canonical);
		assert_true(found);
	}
	free(page);
}

static char *read_text(const char *path)
{
	FILE *file = fopen(path, "rb");
	assert_non_null(file);
	char *text = calloc(1, 65536);
	size_t length = fread(text, 1, 65535, file);
	text[length] = '\0';
	fclose(file);
	return text;
}

/* LINE:COL: level: message, one per line, as in the .expected files. */
static char *format_diags(const struct diag_list *diags)
{
	char *text = calloc(1, 65536);
	size_t used = 0;
	for (size_t i = 0; i < diags->count; i++)
		used += (size_t)snprintf(text + used, 65536 - used, "%d:%d: %s: %s\n", diags->items[i].line,
					 diags->items[i].column, diag_level_name(diags->items[i].level),
					 diags->items[i].message);
	return text;
}

static void check_invalid_fixture(const char *name)
{
	char path[512], expected_path[512];
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;

	snprintf(path, sizeof(path), "%s/invalid/%s", FIXTURES_DIR, name);
	snprintf(expected_path, sizeof(expected_path), "%.*s.expected", (int)(strlen(path) - 3), path);
	enum loader_status status = loader_load_file(path, &exercise, &diags);
	char *expected = read_text(expected_path);
	char *actual = format_diags(&diags);
	print_message("fixture %s\n", name);
	assert_string_equal(actual, expected);
	assert_true(diags.count > 0);
	if (diag_count(&diags, DIAG_ERROR) > 0) {
		assert_int_equal(status, LOADER_INVALID);
		assert_null(exercise);
	} else {
		assert_int_equal(status, LOADER_OK); /* warnings only */
	}
	exercise_free(exercise);
	free(expected);
	free(actual);
	diag_list_free(&diags);
}

static void loader_reports_each_invalid_fixture_at_its_position(void **state)
{
	DIR *dir = opendir(FIXTURES_DIR "/invalid");
	struct dirent *entry;
	size_t checked = 0;
	(void)state;
	assert_non_null(dir);
	while ((entry = readdir(dir)) != NULL) {
		size_t length = strlen(entry->d_name);
		if (length > 3 && strcmp(entry->d_name + length - 3, ".md") == 0) {
			check_invalid_fixture(entry->d_name);
			checked++;
		}
	}
	closedir(dir);
	assert_true(checked >= 40);
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void expect_one_error(const char *name, const char *data, size_t length, const char *message)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_int_equal(loader_load_buffer(name, data, length, &exercise, &diags), LOADER_INVALID);
	/* A number to read, never an assertion on time. */
	print_message("%s: %zu bytes rejected in %.4f s\n", name, length, seconds_since(&start));
	assert_null(exercise);
	assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
	assert_non_null(strstr(diags.items[0].message, message));
	diag_list_free(&diags);
}

static void loader_rejects_a_file_over_the_size_limit(void **state)
{
	size_t length = LOADER_MAX_FILE_BYTES + 1;
	char *data = malloc(length);
	(void)state;
	memset(data, 'a', length);
	memcpy(data, "---\ntitle: x\n---\n", 17);
	expect_one_error("huge.md", data, length, "the limit is");
	free(data);
}

static void loader_stops_a_nesting_bomb_at_the_depth_limit(void **state)
{
	size_t length = 1000 * 1000;
	char *data = malloc(length);
	(void)state;
	memcpy(data, "---\nt: ", 7);
	memset(data + 7, '[', length - 7 - 5);
	memcpy(data + length - 5, "\n---\n", 5);
	expect_one_error("brackets.md", data, length, "nesting deeper than 64 levels");
	free(data);
}

/* A front matter of 80,000 keys, one repeated, and a syntax error at its end:
 * duplicate keys, the re-check before the error and the error's explanation all
 * stay linear in the number of lines (the pairwise duplicate check took 40 s). */
static void loader_checks_a_front_matter_of_many_keys(void **state)
{
	size_t capacity = 1024 * 1024, used = 0;
	char *data = malloc(capacity);
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	struct timespec start;
	(void)state;
	used += (size_t)snprintf(data, capacity, "---\ntitle: T\nk1: again\n");
	for (int i = 0; i < 80000; i++)
		used += (size_t)snprintf(data + used, capacity - used, "k%d: v\n", i);
	used += (size_t)snprintf(data + used, capacity - used, "bad: `x`\n---\n");
	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_int_equal(loader_load_buffer("keys.md", data, used, &exercise, &diags), LOADER_INVALID);
	print_message("keys.md: %zu bytes, %zu diagnostics in %.4f s\n", used, diags.count, seconds_since(&start));
	size_t duplicates = 0, syntax = 0;
	for (size_t i = 0; i < diags.count; i++) {
		duplicates += strstr(diags.items[i].message, "duplicate key 'k1'") != NULL;
		syntax += strstr(diags.items[i].message, "text starting with '`' must be quoted") != NULL;
	}
	assert_int_equal(duplicates, 1);
	assert_int_equal(syntax, 1);
	assert_int_equal(diags.items[diags.count - 1].line, 80004);
	free(data);
	diag_list_free(&diags);
}

/* Each level aliases the previous one ten times: 10^12 nodes if expanded. */
static void loader_stops_a_billion_laughs(void **state)
{
	char data[4096];
	size_t used = (size_t)snprintf(data, sizeof(data), "---\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	(void)state;
	for (int level = 1; level <= 12; level++) {
		used += (size_t)snprintf(data + used, sizeof(data) - used, "l%d: &l%d [", level, level);
		for (int i = 0; i < 10; i++)
			used += (size_t)snprintf(data + used, sizeof(data) - used, "%s*l%d", i ? ", " : "", level - 1);
		used += (size_t)snprintf(data + used, sizeof(data) - used, "]\n");
	}
	used += (size_t)snprintf(data + used, sizeof(data) - used, "---\n");
	expect_one_error("laughs.md", data, used, "budget");
}

static void loader_accepts_aliases_within_the_budget(void **state)
{
	static const char data[] = "---\ntitle: &t Shared\ncode: *t\n"
				   "issues:\n  - &c {id: a, text: *t, is_real: false}\n---\n";
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	(void)state;
	assert_int_equal(loader_load_buffer("aliases.md", data, sizeof(data) - 1, &exercise, &diags), LOADER_OK);
	assert_string_equal(exercise->code, "Shared");
	assert_string_equal(exercise->candidates[0].text, "Shared");
	exercise_free(exercise);
	diag_list_free(&diags);
}

static void loader_reports_the_same_positions_for_crlf(void **state)
{
	static const char lf[] = "---\ntitle: T\ncode: x\nissues:\n  - id: a\n    text: t\n    is_real: maybe\n---\n";
	char crlf[256];
	size_t used = 0;
	struct diag_list a = DIAG_LIST_INIT, b = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	(void)state;
	for (const char *c = lf; *c; c++) {
		if (*c == '\n')
			crlf[used++] = '\r';
		crlf[used++] = *c;
	}
	loader_load_buffer("lf.md", lf, sizeof(lf) - 1, &exercise, &a);
	loader_load_buffer("crlf.md", crlf, used, &exercise, &b);
	assert_int_equal(a.count, 1);
	assert_int_equal(b.count, 1);
	assert_int_equal(a.items[0].line, 7);
	assert_int_equal(a.items[0].column, 14);
	assert_int_equal(b.items[0].line, 7);
	assert_int_equal(b.items[0].column, 14);
	diag_list_free(&a);
	diag_list_free(&b);
}

static void loader_loads_the_specimen_exactly(void **state)
{
	const char *path = SEEDS_DIR "/000_c33381872493133d.txt";
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	FILE *probe = fopen(path, "r");
	(void)state;
	if (!probe) {
		print_message("specimen not present at %s: conformance not run\n", path);
		return;
	}
	fclose(probe);
	assert_int_equal(loader_load_file(path, &exercise, &diags), LOADER_OK);
	assert_int_equal(diags.count, 0);
	assert_string_equal(exercise->title, "Review Streaming Pipeline");
	assert_int_equal(exercise->candidate_count, 5);
	assert_int_equal(exercise_max_points(exercise), 12);
	assert_int_equal(exercise->code_line_count, 51);
	assert_int_equal(exercise->hint_count, 3);
	assert_int_equal(exercise->difficulty, DIFFICULTY_HARD);
	assert_int_equal(exercise->track_level, 7);
	assert_int_equal(exercise->track_order, 2);
	assert_string_equal(exercise->language, "python");
	assert_int_equal(exercise->tag_count, 5);
	assert_int_equal(exercise->candidates[3].severity, SEVERITY_BUG);
	assert_true(exercise->candidates[4].is_real);
	assert_non_null(strstr(exercise->prompt, "Structured Streaming pipeline"));
	exercise_free(exercise);
	diag_list_free(&diags);
}

static void loader_reports_an_unreadable_path(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	(void)state;
	assert_int_equal(loader_load_file("/nonexistent/x.md", &exercise, &diags), LOADER_IO_ERROR);
	assert_non_null(strstr(diags.items[0].message, "cannot read"));
	diag_list_free(&diags);
	assert_int_equal(loader_load_file(FIXTURES_DIR, &exercise, &diags), LOADER_IO_ERROR);
	assert_non_null(strstr(diags.items[0].message, "folder"));
	diag_list_free(&diags);
}

/* Opening a FIFO for reading blocks until a writer comes: the loader must see
 * it is not a regular file without waiting. */
static void loader_refuses_a_fifo_without_blocking(void **state)
{
	char fifo[64] = "/tmp/review-loader-fifo-XXXXXX";
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	(void)state;
	assert_non_null(mkdtemp(fifo));
	strcat(fifo, "/p.md");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(loader_load_file(fifo, &exercise, &diags), LOADER_IO_ERROR);
	assert_null(exercise);
	assert_non_null(strstr(diags.items[0].message, "not a regular file"));
	diag_list_free(&diags);
	unlink(fifo);
	*strrchr(fifo, '/') = '\0';
	rmdir(fifo);
}

static void exercise_ids_derive_from_the_stem_only(void **state)
{
	char a[14], b[14], c[14];
	(void)state;
	exercise_derive_id("x/y/streaming.md", a);
	exercise_derive_id("streaming.txt", b);
	exercise_derive_id("streaming2.md", c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strspn(a, "0123456789abcdefghijklmnopqrstuv"), 13);
}

/* Totals are taken in 64 bits and saturate: before, 2,200 candidates passed
 * check and listed as -2094967296 points. */
static void exercise_max_points_saturates_instead_of_overflowing(void **state)
{
	struct candidate candidates[3] = { { .points = INT_MAX / 2 }, { .points = INT_MAX / 2 },
					   { .points = INT_MAX / 2 } };
	struct exercise exercise = { .candidates = candidates, .candidate_count = 3 };
	(void)state;
	assert_int_equal(exercise_max_points(&exercise), INT_MAX);
	candidates[2].points = 1;
	assert_int_equal(exercise_max_points(&exercise), INT_MAX / 2 * 2 + 1);
}

/* The body was trimmed, so an indented code block at its start became a
 * paragraph and `show --format json` did not give the body back as written. */
static void loader_keeps_the_body_as_written(void **state)
{
	static const char text[] = "---\r\ntitle: t\r\ncode: x\r\nissues: [{id: a, text: t, is_real: false}]\r\n---\r\n"
				   "    int x = 1;\r\n    return x;\r\n\r\nThen prose.\r\n";
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	(void)state;
	assert_int_equal(loader_load_buffer("body.md", text, sizeof(text) - 1, &exercise, &diags), LOADER_OK);
	assert_string_equal(exercise->prompt, "    int x = 1;\n    return x;\n\nThen prose.\n");
	exercise_free(exercise);
	static const char blank[] = "---\ntitle: t\ncode: x\nissues: [{id: a, text: t, is_real: false}]\n---\n\n  \n";
	assert_int_equal(loader_load_buffer("blank.md", blank, sizeof(blank) - 1, &exercise, &diags), LOADER_OK);
	assert_string_equal(exercise->prompt, "");
	exercise_free(exercise);
	diag_list_free(&diags);
}

/* check and smoke load without hashing; everything else must be the same. */
static void loader_unhashed_loads_the_same_exercise_without_a_hash(void **state)
{
	char path[512];
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *plain = load_ok("valid/plain.md", &diags), *unhashed = NULL;
	(void)state;
	snprintf(path, sizeof(path), "%s/valid/plain.md", FIXTURES_DIR);
	assert_int_equal(loader_load_file_unhashed(path, &unhashed, &diags), LOADER_OK);
	assert_same_exercise(plain, unhashed);
	assert_int_equal(strlen(plain->content_hash), 16);
	assert_string_equal(unhashed->content_hash, "");
	assert_int_equal(diags.count, 0);
	exercise_free(plain);
	exercise_free(unhashed);
	diag_list_free(&diags);
}

/* The encoding check skips ASCII a word at a time and finds the position only
 * when a bad byte turns up: it must still be the character's own line and column. */
static void loader_places_a_bad_byte_after_long_ascii_and_multibyte_runs(void **state)
{
	static const char nul[] = "---\ntitle: a long ascii title, longer than a word\ncode: \"\xc3\xa9\xc3\xa9x\0\"\n";
	static const char bad[] = "---\ntitle: abcdefghijklmnop\xe2\x82\xac\xe2\x82\xac\xff\n";
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	(void)state;
	assert_int_equal(loader_load_buffer("nul.md", nul, sizeof(nul) - 1, &exercise, &diags), LOADER_INVALID);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 11);
	assert_non_null(strstr(diags.items[0].message, "NUL byte"));
	diag_list_free(&diags);
	assert_int_equal(loader_load_buffer("bad.md", bad, sizeof(bad) - 1, &exercise, &diags), LOADER_INVALID);
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].column, 26);
	assert_non_null(strstr(diags.items[0].message, "0xff"));
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loader_loads_every_variant_like_the_plain_file),
		cmocka_unit_test(loader_keeps_unicode_and_tabs_in_code),
		cmocka_unit_test(loader_ends_front_matter_at_the_first_delimiter),
		cmocka_unit_test(loader_derives_an_id_and_accepts_no_body),
		cmocka_unit_test(loader_reads_an_empty_optional_key_as_absent),
		cmocka_unit_test(man_page_lists_every_highlighted_language),
		cmocka_unit_test(loader_reports_each_invalid_fixture_at_its_position),
		cmocka_unit_test(loader_rejects_a_file_over_the_size_limit),
		cmocka_unit_test(loader_stops_a_nesting_bomb_at_the_depth_limit),
		cmocka_unit_test(loader_stops_a_billion_laughs),
		cmocka_unit_test(loader_checks_a_front_matter_of_many_keys),
		cmocka_unit_test(loader_accepts_aliases_within_the_budget),
		cmocka_unit_test(loader_reports_the_same_positions_for_crlf),
		cmocka_unit_test(loader_loads_the_specimen_exactly),
		cmocka_unit_test(loader_reports_an_unreadable_path),
		cmocka_unit_test(loader_refuses_a_fifo_without_blocking),
		cmocka_unit_test(exercise_max_points_saturates_instead_of_overflowing),
		cmocka_unit_test(loader_keeps_the_body_as_written),
		cmocka_unit_test(exercise_ids_derive_from_the_stem_only),
		cmocka_unit_test(loader_unhashed_loads_the_same_exercise_without_a_hash),
		cmocka_unit_test(loader_places_a_bad_byte_after_long_ascii_and_multibyte_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
