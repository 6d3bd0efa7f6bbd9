/* The text module: sanitizing untrusted text, display widths and styled lines
 * (the Markdown renderer has its own tests, test_markdown.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review/text.h"

static const struct text_options unicode = { false, 4 };
static const struct text_options ascii = { true, 4 };

/* ---- helpers ---- */

static void assert_sanitized_as(const char *input, size_t length, const struct text_options *o,
				const char *expected)
{
	char *out = text_sanitize(input, length, o);
	assert_non_null(out);
	assert_string_equal(out, expected);
	free(out);
}

#define SANITIZES(input, expected) \
	assert_sanitized_as((input), sizeof(input) - 1, &unicode, (expected))

#include "doc_asserts.h"



/* ---- sanitize ---- */

static void sanitize_keeps_printable_ascii_newline_and_tab(void **state)
{
	SANITIZES("int x = 1;\n\treturn x; // ok ~", "int x = 1;\n\treturn x; // ok ~");
}

static void sanitize_shows_escape_in_caret_notation(void **state)
{
	SANITIZES("a\x1b" "b", "a^[b");
}

static void sanitize_neutralizes_csi_sequence(void **state)
{
	SANITIZES("\x1b[31mred\x1b[0m \x1b[2J", "^[[31mred^[[0m ^[[2J");
}

static void sanitize_neutralizes_osc_title_sequence(void **state)
{
	SANITIZES("\x1b]0;pwned\x07", "^[]0;pwned^G");
}

static void sanitize_shows_bel_backspace_and_carriage_return_in_caret_notation(void **state)
{
	SANITIZES("ding\x07 back\x08\x08 ret\r", "ding^G back^H^H ret^M");
}

static void sanitize_shows_every_c0_control_except_newline_and_tab(void **state)
{
	for (int c = 0; c < 0x20; c++) {
		char in[1] = { (char)c };
		char expected[3] = { '^', (char)(c + 0x40), '\0' };
		if (c == '\n' || c == '\t') {
			expected[0] = (char)c;
			expected[1] = '\0';
		}
		assert_sanitized_as(in, 1, &unicode, expected);
	}
}

static void sanitize_shows_nul_as_caret_at(void **state)
{
	SANITIZES("a\0b", "a^@b");
}

static void sanitize_shows_del_as_caret_question_mark(void **state)
{
	SANITIZES("x\x7fy", "x^?y");
}

static void sanitize_shows_c1_controls_as_code_points(void **state)
{
	SANITIZES("\xc2\x80", "<U+0080>");
	SANITIZES("next\xc2\x85line", "next<U+0085>line");
	SANITIZES("\xc2\x9b" "31m", "<U+009B>31m"); /* the 8-bit CSI */
	SANITIZES("\xc2\x9f", "<U+009F>");
	SANITIZES("\xc2\xa0", "\xc2\xa0"); /* no-break space is printable */
}

static void sanitize_marks_every_bidi_control(void **state)
{
	static const struct {
		const char *utf8, *marker;
	} bidi[] = {
		{ "\xe2\x80\xaa", "<U+202A>" }, { "\xe2\x80\xab", "<U+202B>" },
		{ "\xe2\x80\xac", "<U+202C>" }, { "\xe2\x80\xad", "<U+202D>" },
		{ "\xe2\x80\xae", "<U+202E>" }, { "\xe2\x81\xa6", "<U+2066>" },
		{ "\xe2\x81\xa7", "<U+2067>" }, { "\xe2\x81\xa8", "<U+2068>" },
		{ "\xe2\x81\xa9", "<U+2069>" }, { "\xe2\x80\x8e", "<U+200E>" },
		{ "\xe2\x80\x8f", "<U+200F>" }, { "\xd8\x9c", "<U+061C>" },
	};
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		char in[16], expected[32];
		snprintf(in, sizeof in, "a%sb", bidi[i].utf8);
		snprintf(expected, sizeof expected, "a%sb", bidi[i].marker);
		assert_sanitized_as(in, strlen(in), &unicode, expected);
	}
}

static void sanitize_shows_trojan_source_comment_visibly(void **state)
{
	SANITIZES("/*\xe2\x80\xae } \xe2\x81\xa6if (isAdmin)\xe2\x81\xa9 \xe2\x81\xa6 begin admins only */",
		  "/*<U+202E> } <U+2066>if (isAdmin)<U+2069> <U+2066> begin admins only */");
}

static void sanitize_marks_zero_width_characters(void **state)
{
	SANITIZES("a\xe2\x80\x8b" "b", "a<U+200B>b");
	SANITIZES("a\xe2\x80\x8c" "b", "a<U+200C>b");
	SANITIZES("a\xe2\x80\x8d" "b", "a<U+200D>b");
	SANITIZES("a\xe2\x81\xa0" "b", "a<U+2060>b");
}

static void sanitize_drops_leading_bom_and_marks_later_ones(void **state)
{
	SANITIZES("\xef\xbb\xbf" "abc", "abc");
	SANITIZES("a\xef\xbb\xbf" "bc", "a<U+FEFF>bc");
	SANITIZES("\xef\xbb\xbf\xef\xbb\xbf", "<U+FEFF>");
}

static void sanitize_marks_other_invisible_format_characters(void **state)
{
	SANITIZES("a\xe2\x80\xa8" "b\xe2\x80\xa9", "a<U+2028>b<U+2029>");
	SANITIZES("soft\xc2\xad" "hyphen", "soft<U+00AD>hyphen");
	SANITIZES("\xe3\x85\xa4", "<U+3164>");               /* Hangul filler */
	SANITIZES("\xf3\xa0\x80\x81", "<U+E0001>");           /* language tag */
	SANITIZES("\xf3\xa0\x81\x81", "<U+E0041>");           /* tag A: ASCII smuggling */
	SANITIZES("\xef\xbf\xbe\xef\xbf\xbf", "<U+FFFE><U+FFFF>"); /* noncharacters */
	SANITIZES("\xf4\x8f\xbf\xbf", "<U+10FFFF>");
	SANITIZES("\xe2\x81\xa2", "<U+2062>");                /* invisible times */
}

static void sanitize_keeps_printable_multibyte_characters(void **state)
{
	SANITIZES("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 e\xcc\x81",
		  "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 e\xcc\x81");
	SANITIZES("\xe2\x94\x82\xe2\x80\xa2", "\xe2\x94\x82\xe2\x80\xa2");
}

static void sanitize_marks_each_invalid_byte(void **state)
{
	SANITIZES("a\xff" "b", "a<FF>b");
	SANITIZES("\x80\xbf", "<80><BF>");       /* lone continuation bytes */
	SANITIZES("\xe6\x97", "<E6><97>");       /* truncated at the end */
	SANITIZES("\xe6\x97" "x", "<E6><97>x");  /* truncated by an ASCII byte */
	SANITIZES("\xc3\xc3\xa9", "<C3>\xc3\xa9"); /* a lead byte followed by a lead byte */
	SANITIZES("\xfe\xf8", "<FE><F8>");
}

static void sanitize_rejects_overlong_encodings(void **state)
{
	SANITIZES("\xc0\xaf", "<C0><AF>");             /* '/' in two bytes */
	SANITIZES("\xc1\xbf", "<C1><BF>");
	SANITIZES("\xe0\x80\xaf", "<E0><80><AF>");     /* '/' in three bytes */
	SANITIZES("\xe0\x9f\xbf", "<E0><9F><BF>");
	SANITIZES("\xf0\x80\x80\xaf", "<F0><80><80><AF>");
	SANITIZES("\xf0\x8f\xbf\xbf", "<F0><8F><BF><BF>");
	SANITIZES("\xc0\x80", "<C0><80>");             /* modified UTF-8 NUL */
}

static void sanitize_rejects_surrogates(void **state)
{
	SANITIZES("\xed\xa0\x80", "<ED><A0><80>");
	SANITIZES("\xed\xbf\xbf", "<ED><BF><BF>");
	SANITIZES("\xed\x9f\xbf", "\xed\x9f\xbf"); /* U+D7FF is just below */
}

static void sanitize_rejects_code_points_past_10ffff(void **state)
{
	SANITIZES("\xf4\x90\x80\x80", "<F4><90><80><80>");
	SANITIZES("\xf5\x80\x80\x80", "<F5><80><80><80>");
}

static void sanitize_ascii_only_marks_every_non_ascii_character(void **state)
{
	const char in[] = "caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \x1b ok";
	assert_sanitized_as(in, sizeof in - 1, &ascii, "caf<U+00E9> <U+65E5> <U+1F600> ^[ ok");
}

static void sanitize_treats_null_options_as_defaults_and_null_text_as_empty(void **state)
{
	assert_sanitized_as("\xc3\xa9\x1b", 3, NULL, "\xc3\xa9^[");
	assert_sanitized_as(NULL, 5, NULL, "");
	assert_sanitized_as("", 0, &unicode, "");
}

static void sanitize_stops_at_the_given_length(void **state)
{
	assert_sanitized_as("abc\x1b" "def", 3, &unicode, "abc");
	assert_sanitized_as("\xe6\x97\xa5", 2, &unicode, "<E6><97>");
}

/* Every output byte is safe, and sanitizing is idempotent: a marker never
 * turns into something else on a second pass. Inputs are pseudo-random bytes
 * biased towards the interesting ranges. */
static void sanitize_output_is_safe_and_idempotent_on_random_bytes(void **state)
{
	static const unsigned char alphabet[] = { 0x00, 0x07, 0x08, 0x09, 0x0a, 0x0d, 0x1b, 0x20,
						  'a',  '[',  0x7f, 0x80, 0x85, 0x9b, 0xa0, 0xbf,
						  0xc0, 0xc2, 0xd8, 0xe0, 0xe2, 0xed, 0xef, 0xf0,
						  0xf4, 0xf5, 0xff, 0x81, 0xae, 0xbb, 0x9c, 0x8b };
	uint32_t seed = 12345;
	for (int round = 0; round < 2000; round++) {
		unsigned char in[24];
		for (size_t i = 0; i < sizeof in; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = alphabet[(seed >> 16) % sizeof alphabet];
		}
		char *once = text_sanitize((const char *)in, sizeof in, &unicode);
		assert_non_null(once);
		for (const unsigned char *p = (const unsigned char *)once; *p; p++)
			if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
				fail_msg("round %d: control byte 0x%02X in output", round, *p);
		char *twice = text_sanitize(once, strlen(once), &unicode);
		assert_non_null(twice);
		assert_string_equal(once, twice);
		char *ascii_out = text_sanitize((const char *)in, sizeof in, &ascii);
		for (const unsigned char *p = (const unsigned char *)ascii_out; *p; p++)
			if (*p >= 0x80)
				fail_msg("round %d: non-ASCII byte 0x%02X with ascii_only", round, *p);
		free(once);
		free(twice);
		free(ascii_out);
	}
}

/* ---- width ---- */

static void width_counts_ascii_one_column_each(void **state)
{
	assert_int_equal(text_width("hello", 5), 5);
	assert_int_equal(text_width("", 0), 0);
	assert_int_equal(text_width("hello", 2), 2);
}

static void width_counts_cjk_as_two_columns(void **state)
{
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 9), 6);
	assert_int_equal(text_width("a\xef\xbc\xa1" "b", 5), 4); /* fullwidth A */
}

static void width_counts_emoji_as_two_columns(void **state)
{
	assert_int_equal(text_width("\xf0\x9f\x98\x80", 4), 2);
	assert_int_equal(text_width("\xf0\x9f\x9a\x80!", 5), 3);
}

static void width_counts_combining_marks_as_zero(void **state)
{
	assert_int_equal(text_width("e\xcc\x81", 3), 1);          /* e + acute */
	assert_int_equal(text_width("a\xcc\x80\xcc\x81\xcc\x82", 7), 1);
}

static void width_counts_invalid_bytes_as_one_column(void **state)
{
	assert_int_equal(text_width("\xff\xfe", 2), 2);
}

/* ---- lines and docs ---- */

static void line_append_splits_markers_into_escape_spans(void **state)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	assert_true(text_line_append(line, "ok\x1b[2Jbad\xe2\x80\xae", 12, ROLE_STRING, &unicode));
	assert_int_equal(line->span_count, 4);
	assert_string_equal(line->spans[0].text, "ok");
	assert_int_equal(line->spans[0].role, ROLE_STRING);
	assert_string_equal(line->spans[1].text, "^[");
	assert_int_equal(line->spans[1].role, ROLE_ESCAPE);
	assert_string_equal(line->spans[2].text, "[2Jbad");
	assert_int_equal(line->spans[2].role, ROLE_STRING);
	assert_string_equal(line->spans[3].text, "<U+202E>");
	assert_int_equal(line->spans[3].role, ROLE_ESCAPE);
	text_doc_free(doc);
}

/* A line's spans share one store that moves as it grows: after hundreds of
 * appends (plain runs, markers, tabs), every span still reads its own text. */
static void line_spans_keep_their_text_as_the_store_grows(void **state)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	char piece[32];
	for (int i = 0; i < 300; i++) {
		snprintf(piece, sizeof(piece), "s%d\x1b", i);
		assert_true(text_line_append(line, piece, strlen(piece), ROLE_STRING, &unicode));
	}
	assert_int_equal(line->span_count, 600);
	for (int i = 0; i < 300; i++) {
		snprintf(piece, sizeof(piece), "s%d", i);
		assert_string_equal(line->spans[2 * i].text, piece);
		assert_int_equal(line->spans[2 * i].role, ROLE_STRING);
		assert_string_equal(line->spans[2 * i + 1].text, "^[");
		assert_int_equal(line->spans[2 * i + 1].role, ROLE_ESCAPE);
	}
	/* A stand-alone line (not in a doc) frees through text_line_clear. */
	struct text_line own = { 0 };
	assert_true(text_line_append(&own, "a\tb", 3, ROLE_PLAIN, &unicode));
	assert_string_equal(own.spans[0].text, "a   b");
	text_line_clear(&own);
	assert_int_equal(own.span_count, 0);
	assert_null(own.store);
	text_doc_free(doc);
}

static void line_append_turns_newlines_into_spaces(void **state)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	assert_true(text_line_append(line, "a\nb\n", 4, ROLE_PLAIN, NULL));
	assert_line(doc, 0, "a b ");
	text_doc_free(doc);
}

static void line_append_expands_tabs_to_tab_stops(void **state)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	assert_true(text_line_append(line, "ab", 2, ROLE_PLAIN, &unicode));
	assert_true(text_line_append(line, "\tc\t", 3, ROLE_PLAIN, &unicode));
	assert_line(doc, 0, "ab  c   ");
	struct text_options eight = { false, 8 };
	line = text_doc_add_line(doc);
	assert_true(text_line_append(line, "\xe6\x97\xa5\tx", 5, ROLE_PLAIN, &eight));
	assert_line(doc, 1, "\xe6\x97\xa5      x"); /* the wide char takes 2 of the 8 */
	text_doc_free(doc);
}

static void line_append_styled_counts_tab_stops_from_the_given_column(void **state)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	int column = 0;
	assert_true(text_line_append_styled(line, "x\t", 2, ROLE_CODE, 1, 1, &unicode, &column));
	assert_int_equal(column, 4);
	assert_true(text_line_append_styled(line, "\x1b", 1, ROLE_CODE, 1, 0, &unicode, &column));
	assert_int_equal(column, 6);
	assert_int_equal(line->spans[0].bold, 1);
	assert_int_equal(line->spans[0].italic, 1);
	assert_int_equal(line->spans[1].role, ROLE_ESCAPE);
	assert_int_equal(line->spans[1].bold, 1);
	text_doc_free(doc);
}

static void line_width_and_plain_cover_all_spans(void **state)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	assert_true(text_line_append(line, "\xe6\x97\xa5", 3, ROLE_PLAIN, &unicode));
	assert_true(text_line_append(line, "\x07", 1, ROLE_PLAIN, &unicode));
	assert_int_equal(text_line_width(line), 4);
	assert_line(doc, 0, "\xe6\x97\xa5^G");
	text_doc_free(doc);
}

static void line_append_of_nothing_adds_no_span(void **state)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	assert_true(text_line_append(line, "", 0, ROLE_PLAIN, &unicode));
	assert_true(text_line_append(line, NULL, 0, ROLE_PLAIN, &unicode));
	assert_int_equal(line->span_count, 0);
	char *plain = text_line_plain(line);
	assert_string_equal(plain, "");
	free(plain);
	text_doc_free(doc);
}

static void doc_grows_to_many_lines(void **state)
{
	struct text_doc *doc = text_doc_new();
	for (int i = 0; i < 1000; i++) {
		char number[16];
		snprintf(number, sizeof number, "%d", i);
		assert_true(text_line_append(text_doc_add_line(doc), number, strlen(number),
					     ROLE_PLAIN, &unicode));
	}
	assert_int_equal(doc->line_count, 1000);
	assert_line(doc, 999, "999");
	text_doc_free(doc);
	text_doc_free(NULL);
}

/* ---- Markdown ---- */

/* A title holding a newline forged a row in `list`; an unknown key holding a tab
 * split a FILE:LINE:COL diagnostic. One-line text shows both. */
static void sanitize_line_shows_newline_and_tab_too(void **state)
{
	(void)state;
	char *out = text_sanitize_line("a\nb\tc\x1b]0;t\x07\xc2\x9b\xe2\x80\xae", 16, &unicode);
	assert_non_null(out);
	assert_string_equal(out, "a^Jb^Ic^[]0;t^G<U+009B><U+202E>");
	free(out);
}

/* Every byte value at every place of an eight-byte step and of the tail, in
 * both modes, against the byte-at-a-time rule: the word test is exact. */
static void text_find_control_is_exact_for_every_byte(void **state)
{
	(void)state;
	char text[19];
	for (int breaks = 0; breaks < 2; breaks++)
		for (int c = 1; c < 256; c++)
			for (size_t at = 0; at < sizeof(text); at++) {
				memset(text, 'a', sizeof(text));
				text[at] = (char)c;
				bool control = c < 0x20 || c == 0x7F;
				if (breaks && (c == '\n' || c == '\t'))
					control = false;
				size_t expected = control ? at : sizeof(text);
				assert_int_equal(text_find_control(text, sizeof(text), breaks), expected);
			}
	/* The first of several, and a line feed before a real one when breaks are text. */
	assert_int_equal(text_find_control("ab\ncd\x1b", 6, true), 5);
	assert_int_equal(text_find_control("ab\ncd\x1b", 6, false), 2);
	assert_int_equal(text_find_control("", 0, false), 0);
}

int main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_find_control_is_exact_for_every_byte),
		cmocka_unit_test(sanitize_keeps_printable_ascii_newline_and_tab),
		cmocka_unit_test(sanitize_line_shows_newline_and_tab_too),
		cmocka_unit_test(sanitize_shows_escape_in_caret_notation),
		cmocka_unit_test(sanitize_neutralizes_csi_sequence),
		cmocka_unit_test(sanitize_neutralizes_osc_title_sequence),
		cmocka_unit_test(sanitize_shows_bel_backspace_and_carriage_return_in_caret_notation),
		cmocka_unit_test(sanitize_shows_every_c0_control_except_newline_and_tab),
		cmocka_unit_test(sanitize_shows_nul_as_caret_at),
		cmocka_unit_test(sanitize_shows_del_as_caret_question_mark),
		cmocka_unit_test(sanitize_shows_c1_controls_as_code_points),
		cmocka_unit_test(sanitize_marks_every_bidi_control),
		cmocka_unit_test(sanitize_shows_trojan_source_comment_visibly),
		cmocka_unit_test(sanitize_marks_zero_width_characters),
		cmocka_unit_test(sanitize_drops_leading_bom_and_marks_later_ones),
		cmocka_unit_test(sanitize_marks_other_invisible_format_characters),
		cmocka_unit_test(sanitize_keeps_printable_multibyte_characters),
		cmocka_unit_test(sanitize_marks_each_invalid_byte),
		cmocka_unit_test(sanitize_rejects_overlong_encodings),
		cmocka_unit_test(sanitize_rejects_surrogates),
		cmocka_unit_test(sanitize_rejects_code_points_past_10ffff),
		cmocka_unit_test(sanitize_ascii_only_marks_every_non_ascii_character),
		cmocka_unit_test(sanitize_treats_null_options_as_defaults_and_null_text_as_empty),
		cmocka_unit_test(sanitize_stops_at_the_given_length),
		cmocka_unit_test(sanitize_output_is_safe_and_idempotent_on_random_bytes),
		cmocka_unit_test(width_counts_ascii_one_column_each),
		cmocka_unit_test(width_counts_cjk_as_two_columns),
		cmocka_unit_test(width_counts_emoji_as_two_columns),
		cmocka_unit_test(width_counts_combining_marks_as_zero),
		cmocka_unit_test(width_counts_invalid_bytes_as_one_column),
		cmocka_unit_test(line_append_splits_markers_into_escape_spans),
		cmocka_unit_test(line_spans_keep_their_text_as_the_store_grows),
		cmocka_unit_test(line_append_turns_newlines_into_spaces),
		cmocka_unit_test(line_append_expands_tabs_to_tab_stops),
		cmocka_unit_test(line_append_styled_counts_tab_stops_from_the_given_column),
		cmocka_unit_test(line_width_and_plain_cover_all_spans),
		cmocka_unit_test(line_append_of_nothing_adds_no_span),
		cmocka_unit_test(doc_grows_to_many_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
