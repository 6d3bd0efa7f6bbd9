/* The TUI's line helpers (src/tui/wrap.c, compiled into this test: it needs only
 * text.h): word wrapping by display columns with a hanging indent, wide
 * characters, styles kept across breaks, Markdown with a first-line prefix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/tui/wrap.c"

static const struct text_options utf8 = { false, 0 };

/* The lines of doc as plain text joined by '|'. */
static char *plain(const struct text_doc *doc)
{
	static char joined[4096];
	joined[0] = '\0';
	for (size_t i = 0; i < doc->line_count; i++) {
		char *text = text_line_plain(&doc->lines[i]);
		assert_non_null(text);
		if (i)
			strcat(joined, "|");
		strcat(joined, text);
		free(text);
	}
	return joined;
}

static struct text_doc *wrapped(const char *text, int width, int indent)
{
	struct text_doc *doc = text_doc_new();
	assert_non_null(doc);
	assert_true(tui_append_wrapped(doc, text, ROLE_PLAIN, width, indent, &utf8));
	return doc;
}

static void wraps_at_spaces_with_a_hanging_indent(void **state)
{
	(void)state;
	struct text_doc *doc = wrapped("aaa bbb ccc ddd", 7, 0);
	assert_string_equal(plain(doc), "aaa bbb|ccc ddd");
	text_doc_free(doc);
	doc = wrapped("aaa bbb ccc ddd", 9, 2);
	assert_string_equal(plain(doc), "aaa bbb|  ccc ddd");
	text_doc_free(doc);
	doc = wrapped("fits", 10, 4);
	assert_string_equal(plain(doc), "fits");
	text_doc_free(doc);
}

static void breaks_a_word_longer_than_the_line(void **state)
{
	(void)state;
	struct text_doc *doc = wrapped("abcdefghij xy", 4, 0);
	assert_string_equal(plain(doc), "abcd|efgh|ij|xy");
	text_doc_free(doc);
}

static void counts_wide_characters_as_two_columns(void **state)
{
	(void)state;
	struct text_doc *doc = wrapped("見直し見直し", 5, 0);
	assert_string_equal(plain(doc), "見直|し見|直し");
	for (size_t i = 0; i < doc->line_count; i++)
		assert_true(text_line_width(&doc->lines[i]) <= 5);
	text_doc_free(doc);
}

static void an_empty_line_stays_one_line(void **state)
{
	(void)state;
	struct text_doc *doc = wrapped("", 10, 2);
	assert_int_equal(doc->line_count, 1);
	assert_string_equal(plain(doc), "");
	text_doc_free(doc);
}

static void styles_survive_the_break(void **state)
{
	(void)state;
	struct text_doc *scratch = text_doc_new(), *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(scratch);
	assert_true(tui_append(line, "plain words ", ROLE_PLAIN, false, &utf8));
	assert_true(tui_append(line, "bold code", ROLE_CODE, true, &utf8));
	assert_true(tui_wrap_line(doc, line, 12, 0));
	assert_string_equal(plain(doc), "plain words|bold code");
	const struct text_line *second = &doc->lines[1];
	for (size_t i = 0; i < second->span_count; i++) {
		assert_int_equal(second->spans[i].role, ROLE_CODE);
		assert_true(second->spans[i].bold);
	}
	text_doc_free(scratch);
	text_doc_free(doc);
}

static void controls_in_untrusted_text_become_markers(void **state)
{
	(void)state;
	struct text_doc *doc = wrapped("red \x1b[31mtext\xe2\x80\xae", 80, 0);
	assert_string_equal(plain(doc), "red ^[[31mtext<U+202E>");
	text_doc_free(doc);
}

static void markdown_gets_the_first_line_prefix_and_an_indent(void **state)
{
	(void)state;
	struct text_doc *doc = text_doc_new(), *scratch = text_doc_new();
	struct text_line *first = text_doc_add_line(scratch);
	assert_true(tui_append(first, "1. ", ROLE_BULLET, false, &utf8));
	assert_true(tui_append_markdown(doc, "Some *words* that wrap onto a second line", 20, 3, first, &utf8));
	assert_true(doc->line_count >= 2);
	char *line0 = text_line_plain(&doc->lines[0]), *line1 = text_line_plain(&doc->lines[1]);
	assert_memory_equal(line0, "1. Some", 7);
	assert_memory_equal(line1, "   ", 3);
	assert_true(line1[3] != ' ');
	for (size_t i = 0; i < doc->line_count; i++)
		assert_true(text_line_width(&doc->lines[i]) <= 20);
	free(line0);
	free(line1);
	text_doc_free(doc);
	text_doc_free(scratch);
}

/* A check diagnostic's "  2:8 error: " is wider than its indent: no word of the
 * message may fall past the width, where the pane would cut it off. */
static void a_prefix_wider_than_the_indent_loses_no_word(void **state)
{
	(void)state;
	struct text_doc *doc = text_doc_new(), *scratch = text_doc_new();
	struct text_line *first = text_doc_add_line(scratch);
	assert_true(tui_append(first, "  2:8 error: ", ROLE_STRONG, false, &utf8));
	assert_true(tui_append_markdown(doc, "this quoted value is never closed: end it with the same quote",
					40, 4, first, &utf8));
	for (size_t i = 0; i < doc->line_count; i++)
		assert_true(text_line_width(&doc->lines[i]) <= 40);
	assert_string_equal(plain(doc), "  2:8 error: this quoted value is never|"
					"             closed: end it with the|"
					"             same quote");
	text_doc_free(doc);
	text_doc_free(scratch);
}

static void empty_markdown_still_shows_the_prefix(void **state)
{
	(void)state;
	struct text_doc *doc = text_doc_new(), *scratch = text_doc_new();
	struct text_line *first = text_doc_add_line(scratch);
	assert_true(tui_append(first, "[bug] ", ROLE_STRONG, false, &utf8));
	assert_true(tui_append_markdown(doc, "", 40, 6, first, &utf8));
	assert_string_equal(plain(doc), "[bug] ");
	text_doc_free(doc);
	text_doc_free(scratch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wraps_at_spaces_with_a_hanging_indent),
		cmocka_unit_test(breaks_a_word_longer_than_the_line),
		cmocka_unit_test(counts_wide_characters_as_two_columns),
		cmocka_unit_test(an_empty_line_stays_one_line),
		cmocka_unit_test(styles_survive_the_break),
		cmocka_unit_test(controls_in_untrusted_text_become_markers),
		cmocka_unit_test(markdown_gets_the_first_line_prefix_and_an_indent),
		cmocka_unit_test(a_prefix_wider_than_the_indent_loses_no_word),
		cmocka_unit_test(empty_markdown_still_shows_the_prefix),
	};
	/* The wrapping decodes UTF-8 with mbrtowc, as the TUI does after setlocale. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
