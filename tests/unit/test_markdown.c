/* The Markdown renderer: cmark's blocks and inlines as wrapped, styled lines
 * that never hold a control byte and never pass the width. */
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

#include "review/markdown.h"
#include "review/text.h"

static const struct text_options unicode = { false, 4 };
static const struct text_options ascii = { true, 4 };

#include "doc_asserts.h"


/* The first span of line i whose text is exactly text. */
static const struct text_span *find_span(const struct text_doc *doc, size_t i, const char *text)
{
	assert_true(i < doc->line_count);
	const struct text_line *line = &doc->lines[i];
	for (size_t k = 0; k < line->span_count; k++)
		if (strcmp(line->spans[k].text, text) == 0)
			return &line->spans[k];
	fail_msg("line %zu has no span \"%s\"", i, text);
	return NULL;
}

static struct text_doc *render(const char *markdown, int width, const struct text_options *o)
{
	struct text_doc *doc = markdown_render(markdown, strlen(markdown), width, o);
	assert_non_null(doc);
	return doc;
}

static void assert_no_line_wider_than(const struct text_doc *doc, int width)
{
	for (size_t i = 0; i < doc->line_count; i++) {
		int w = text_line_width(&doc->lines[i]);
		if (w > width) {
			char *plain = line_text(doc, i);
			fail_msg("line %zu is %d columns wide (max %d): \"%s\"", i, w, width, plain);
		}
	}
}

/* No byte of the doc's text could drive a terminal. */
static void assert_doc_has_no_control_bytes(const struct text_doc *doc)
{
	for (size_t i = 0; i < doc->line_count; i++)
		for (size_t k = 0; k < doc->lines[i].span_count; k++)
			for (const unsigned char *p = (const unsigned char *)doc->lines[i].spans[k].text;
			     *p; p++)
				if (*p < 0x20 || *p == 0x7F)
					fail_msg("control byte 0x%02X on line %zu", *p, i);
}

/* A render keeps a paragraph's first 2,048 cells and bytes on the stack and
 * moves them to the heap past that: a paragraph of 3,000 words keeps every
 * word, in order, with its style, on lines that fit. */
static void markdown_long_paragraph_keeps_every_word_and_style(void **state)
{
	enum { WORDS = 3000 };
	char *markdown = calloc(WORDS, 16), *expected = calloc(WORDS, 16);
	size_t m = 0, e = 0;
	assert_non_null(markdown);
	assert_non_null(expected);
	for (int i = 0; i < WORDS; i++) {
		const char *word = i % 7 == 0 ? "e" : i % 11 == 0 ? "\xc3\xa9" : "w";
		const char *mark = i % 7 == 0 ? "*" : "";
		m += (size_t)sprintf(markdown + m, "%s%s%s%d%s", i ? " " : "", mark, word, i, mark);
		e += (size_t)sprintf(expected + e, "%s%s%d", i ? " " : "", word, i);
	}
	struct text_doc *doc = render(markdown, 60, &unicode);
	assert_no_line_wider_than(doc, 60);
	char *joined = calloc(WORDS, 16);
	size_t j = 0;
	for (size_t i = 0; i < doc->line_count; i++) {
		char *plain = line_text(doc, i);
		j += (size_t)sprintf(joined + j, "%s%s", i ? " " : "", plain);
		free(plain);
	}
	assert_string_equal(joined, expected);
	const struct text_span *last_em = find_span(doc, doc->line_count - 1, "e2996");
	assert_int_equal(last_em->role, ROLE_EMPHASIS);
	assert_int_equal(last_em->italic, 1);
	free(joined);
	free(expected);
	free(markdown);
	text_doc_free(doc);
}

static void markdown_heading_is_bold_and_followed_by_a_blank_line(void **state)
{
	struct text_doc *doc = render("# Title *here*\nbody", 40, &unicode);
	ASSERT_LINES(doc, "Title here", "", "body");
	const struct text_span *title = find_span(doc, 0, "Title ");
	assert_int_equal(title->role, ROLE_HEADING);
	assert_true(title->bold);
	assert_true(find_span(doc, 0, "here")->italic);
	assert_int_equal(find_span(doc, 2, "body")->role, ROLE_PLAIN);
	text_doc_free(doc);
}

static void markdown_paragraphs_are_separated_by_one_blank_line(void **state)
{
	struct text_doc *doc = render("one\ntwo\n\n\n\nthree\n", 40, &unicode);
	ASSERT_LINES(doc, "one two", "", "three");
	text_doc_free(doc);
}

static void markdown_emphasis_and_strong_carry_roles_and_attributes(void **state)
{
	struct text_doc *doc = render("a *em* **strong** ***both***", 40, &unicode);
	ASSERT_LINES(doc, "a em strong both");
	const struct text_span *em = find_span(doc, 0, "em");
	assert_int_equal(em->role, ROLE_EMPHASIS);
	assert_true(em->italic);
	assert_false(em->bold);
	const struct text_span *strong = find_span(doc, 0, "strong");
	assert_int_equal(strong->role, ROLE_STRONG);
	assert_true(strong->bold);
	const struct text_span *both = find_span(doc, 0, "both");
	assert_true(both->bold && both->italic);
	text_doc_free(doc);
}

static void markdown_code_span_has_code_role(void **state)
{
	struct text_doc *doc = render("call `free(p)` once", 40, &unicode);
	ASSERT_LINES(doc, "call free(p) once");
	assert_int_equal(find_span(doc, 0, "free(p)")->role, ROLE_CODE);
	text_doc_free(doc);
}

static void markdown_code_block_is_indented_unwrapped_with_tabs_expanded(void **state)
{
	struct text_doc *doc =
		render("text\n\n```c\nint main(void) { return a_very_long_identifier_indeed; }\n"
		       "\tx = 1;\n\n}\n```\nafter",
		       20, &unicode);
	ASSERT_LINES(doc, "text", "", "    int main(void) { return a_very_long_identifier_indeed; }",
		     "        x = 1;", "", "    }", "", "after");
	assert_int_equal(find_span(doc, 2, "int main(void) { return a_very_long_identifier_indeed; }")
				 ->role,
			 ROLE_CODE);
	text_doc_free(doc);
}

static void markdown_code_block_in_a_list_item_or_quote_keeps_its_prefix(void **state)
{
	struct text_doc *doc = render("- item\n\n  ```\n  code\n\n  more\n  ```\n\n> ```\n> a\n>\n> b\n> ```",
				      40, &unicode);
	ASSERT_LINES(doc, "\u2022 item", "", "      code", "", "      more", "", "\u2502     a",
		     "\u2502", "\u2502     b");
	text_doc_free(doc);
}

static void markdown_table_rows_keep_their_own_lines(void **state)
{
	struct text_doc *doc = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n| not\na table |", 40,
				      &unicode);
	ASSERT_LINES(doc, "| a | b |", "|---|---|", "| 1 | 2 |", "", "| not a table |");
	text_doc_free(doc);
}

static void markdown_indented_code_block_is_rendered_as_code(void **state)
{
	struct text_doc *doc = render("para\n\n    x <- 1\n", 40, &unicode);
	ASSERT_LINES(doc, "para", "", "    x <- 1");
	assert_int_equal(find_span(doc, 2, "x <- 1")->role, ROLE_CODE);
	text_doc_free(doc);
}

static void markdown_bullet_list_aligns_wrapped_lines_under_the_text(void **state)
{
	struct text_doc *doc = render("- one\n- two words that wrap here\n- three", 16, &unicode);
	ASSERT_LINES(doc, "\u2022 one", "\u2022 two words that", "  wrap here", "\u2022 three");
	assert_int_equal(find_span(doc, 0, "\u2022 ")->role, ROLE_BULLET);
	text_doc_free(doc);
}

static void markdown_ordered_list_counts_from_its_start(void **state)
{
	struct text_doc *doc = render("3) three\n4) four is long enough\n", 16, &unicode);
	ASSERT_LINES(doc, "3) three", "4) four is long", "   enough");
	assert_int_equal(find_span(doc, 1, "4) ")->role, ROLE_BULLET);
	text_doc_free(doc);
	doc = render("1. a\n1. b\n1. c\n", 16, &unicode);
	ASSERT_LINES(doc, "1. a", "2. b", "3. c");
	text_doc_free(doc);
}

static void markdown_nested_lists_are_indented(void **state)
{
	struct text_doc *doc = render("- a\n  - b\n    1. c\n- d\n", 40, &unicode);
	ASSERT_LINES(doc, "\u2022 a", "  \u2022 b", "    1. c", "\u2022 d");
	text_doc_free(doc);
	doc = render("- - x\n", 40, &unicode);
	ASSERT_LINES(doc, "\u2022 \u2022 x");
	text_doc_free(doc);
}

static void markdown_loose_list_separates_items_with_blank_lines(void **state)
{
	struct text_doc *doc = render("- a\n\n- b\n\n  more\n\nafter", 40, &unicode);
	ASSERT_LINES(doc, "\u2022 a", "", "\u2022 b", "", "  more", "", "after");
	text_doc_free(doc);
}

static void markdown_empty_list_item_still_shows_its_bullet(void **state)
{
	struct text_doc *doc = render("- a\n-\n- c\n", 40, &unicode);
	ASSERT_LINES(doc, "\u2022 a", "\u2022 ", "\u2022 c");
	text_doc_free(doc);
}

static void markdown_block_quote_prefixes_every_line_with_a_bar(void **state)
{
	struct text_doc *doc = render("> quoted text that wraps\n>\n> second\n\nafter", 16, &unicode);
	ASSERT_LINES(doc, "\u2502 quoted text", "\u2502 that wraps", "\u2502", "\u2502 second", "",
		     "after");
	assert_int_equal(find_span(doc, 0, "\u2502 ")->role, ROLE_QUOTE);
	assert_int_equal(find_span(doc, 2, "\u2502")->role, ROLE_QUOTE);
	text_doc_free(doc);
}

static void markdown_nested_quotes_and_lists_combine_prefixes(void **state)
{
	struct text_doc *doc = render("> > inner\n> - item\n", 40, &unicode);
	ASSERT_LINES(doc, "\u2502 \u2502 inner", "\u2502", "\u2502 \u2022 item");
	text_doc_free(doc);
	doc = render("- > quoted\n  > more\n", 40, &unicode);
	ASSERT_LINES(doc, "\u2022 \u2502 quoted more");
	text_doc_free(doc);
}

static void markdown_ascii_only_uses_ascii_bullets_bars_and_rules(void **state)
{
	struct text_doc *doc = render("- a\n\n> q\n\n---\n\ncaf\xc3\xa9", 12, &ascii);
	ASSERT_LINES(doc, "- a", "", "| q", "", "------------", "", "caf<U+00E9>");
	text_doc_free(doc);
}

static void markdown_link_shows_text_then_url(void **state)
{
	struct text_doc *doc = render("see [the docs](https://example.com/x) now", 80, &unicode);
	ASSERT_LINES(doc, "see the docs <https://example.com/x> now");
	assert_int_equal(find_span(doc, 0, "the docs")->role, ROLE_LINK);
	assert_int_equal(find_span(doc, 0, "<https://example.com/x>")->role, ROLE_URL);
	text_doc_free(doc);
}

static void markdown_autolink_shows_the_url_once(void **state)
{
	struct text_doc *doc = render("<https://example.com> and <me@example.com>", 80, &unicode);
	ASSERT_LINES(doc, "https://example.com and me@example.com");
	assert_int_equal(find_span(doc, 0, "https://example.com")->role, ROLE_LINK);
	text_doc_free(doc);
}

static void markdown_image_shows_alt_text_and_url(void **state)
{
	struct text_doc *doc = render("![a diagram](d.png) ![](e.png)", 80, &unicode);
	ASSERT_LINES(doc, "a diagram <d.png> image <e.png>");
	text_doc_free(doc);
}

static void markdown_thematic_break_fills_the_width(void **state)
{
	struct text_doc *doc = render("a\n\n***\n\nb", 12, &unicode);
	ASSERT_LINES(doc, "a", "", "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500",
		     "", "b");
	assert_int_equal(text_line_width(&doc->lines[2]), 12);
	text_doc_free(doc);
}

static void markdown_soft_break_is_a_space_and_hard_break_a_new_line(void **state)
{
	struct text_doc *doc = render("one\ntwo  \nthree\\\nfour", 40, &unicode);
	ASSERT_LINES(doc, "one two", "three", "four");
	text_doc_free(doc);
}

static void markdown_html_block_is_shown_as_text(void **state)
{
	struct text_doc *doc = render("<script>\nalert(1)\n</script>\n\nafter", 40, &unicode);
	ASSERT_LINES(doc, "<script>", "alert(1)", "</script>", "", "after");
	text_doc_free(doc);
}

static void markdown_inline_html_is_shown_as_text(void **state)
{
	struct text_doc *doc = render("a <b>bold</b> <!-- c -->", 40, &unicode);
	ASSERT_LINES(doc, "a <b>bold</b> <!-- c -->");
	text_doc_free(doc);
}

static void markdown_sanitizes_characters_cmark_decodes_from_entities(void **state)
{
	struct text_doc *doc = render("x &#27;[31m red &#x202E; &#8; &#x85; &#0; y", 80, &unicode);
	ASSERT_LINES(doc, "x ^[[31m red <U+202E> ^H <U+0085> \xef\xbf\xbd y");
	assert_int_equal(find_span(doc, 0, "^[")->role, ROLE_ESCAPE);
	assert_int_equal(find_span(doc, 0, "<U+202E>")->role, ROLE_ESCAPE);
	assert_doc_has_no_control_bytes(doc);
	text_doc_free(doc);
}

static void markdown_sanitizes_raw_control_characters_everywhere(void **state)
{
	struct text_doc *doc = render("# h\x1b[2J\n\n`c\x07`\n\n```\nb\x1b]0;t\x07\n```\n\n"
				      "[l\x08](u\x1b)\n\n> q\r\n",
				      80, &unicode);
	ASSERT_LINES(doc, "h^[[2J", "", "c^G", "", "    b^[]0;t^G", "", "l^H <u^[>", "", "\u2502 q");
	assert_doc_has_no_control_bytes(doc);
	text_doc_free(doc);
}

static void markdown_wraps_words_at_the_width(void **state)
{
	const char *text = "The quick brown fox jumps over the lazy dog and keeps running far away.";
	struct text_doc *doc = render(text, 20, &unicode);
	ASSERT_LINES(doc, "The quick brown fox", "jumps over the lazy", "dog and keeps",
		     "running far away.");
	assert_no_line_wider_than(doc, 20);
	text_doc_free(doc);
}

static void markdown_never_splits_wide_characters_across_the_edge(void **state)
{
	/* 7 CJK characters (14 columns) in a 11-column line: 5 fit (10 columns). */
	struct text_doc *doc = render("\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
				      "\xe6\x97\xa5\xe6\x97\xa5",
				      11, &unicode);
	ASSERT_LINES(doc, "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5",
		     "\xe6\x97\xa5\xe6\x97\xa5");
	assert_int_equal(text_line_width(&doc->lines[0]), 10);
	text_doc_free(doc);
}

static void markdown_breaks_words_longer_than_the_width(void **state)
{
	struct text_doc *doc = render("go abcdefghijklmnopqrstuvwxyz end", 10, &unicode);
	ASSERT_LINES(doc, "go", "abcdefghij", "klmnopqrst", "uvwxyz end");
	text_doc_free(doc);
}

static void markdown_keeps_combining_marks_with_their_base(void **state)
{
	struct text_doc *doc = render("e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
				      "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "x",
				      10, &unicode);
	assert_int_equal(doc->line_count, 2);
	assert_int_equal(text_line_width(&doc->lines[0]), 10);
	assert_line(doc, 1, "x");
	text_doc_free(doc);
}

static void markdown_never_splits_a_marker(void **state)
{
	struct text_doc *doc = render("abcdefgh&#x202E;", 10, &unicode);
	ASSERT_LINES(doc, "abcdefgh", "<U+202E>");
	text_doc_free(doc);
}

static void markdown_clamps_width_below_ten(void **state)
{
	struct text_doc *doc = render("aaaa bbbb cccc dddd", 3, &unicode);
	ASSERT_LINES(doc, "aaaa bbbb", "cccc dddd");
	text_doc_free(doc);
	doc = render("aaaa bbbb cccc dddd", -5, &unicode);
	assert_int_equal(doc->line_count, 2);
	text_doc_free(doc);
}

static void markdown_has_no_trailing_empty_lines(void **state)
{
	struct text_doc *doc = render("para\n\n\n\n- a\n\n\n", 40, &unicode);
	ASSERT_LINES(doc, "para", "", "\u2022 a");
	text_doc_free(doc);
	doc = render("> a\n>\n>\n", 40, &unicode);
	ASSERT_LINES(doc, "\u2502 a");
	text_doc_free(doc);
}

static void markdown_empty_or_null_input_gives_no_lines(void **state)
{
	struct text_doc *doc = render("", 40, &unicode);
	assert_int_equal(doc->line_count, 0);
	text_doc_free(doc);
	doc = render("\n\n   \n", 40, NULL);
	assert_int_equal(doc->line_count, 0);
	text_doc_free(doc);
	doc = markdown_render(NULL, 10, 40, NULL);
	assert_non_null(doc);
	assert_int_equal(doc->line_count, 0);
	text_doc_free(doc);
}

static void markdown_deep_nesting_still_fits_the_width(void **state)
{
	char md[4096] = "";
	for (int i = 0; i < 300; i++)
		strcat(md, i % 2 ? "> " : "- ");
	strcat(md, "the text at the bottom of it all\n");
	struct text_doc *doc = render(md, 40, &unicode);
	assert_true(doc->line_count >= 1);
	assert_no_line_wider_than(doc, 40);
	char *last = line_text(doc, doc->line_count - 1);
	assert_non_null(strstr(last, "all"));
	free(last);
	text_doc_free(doc);
}

/* cmark's quadratic case needs deep containers: markers past 16 on one line
 * are read as text, the ones before still nest. */
static void markdown_reads_container_markers_past_sixteen_as_text(void **state)
{
	char md[256] = "";
	for (int i = 0; i < 18; i++)
		strcat(md, "- ");
	strcat(md, "x\n\n");
	for (int i = 0; i < 17; i++)
		strcat(md, "> ");
	strcat(md, "q\n");
	struct text_doc *doc = render(md, 80, &ascii);
	ASSERT_LINES(doc, "- - - - - - - - - - - - - - - - - - x", "",
		     "| | | | | | | | | | | | | | | | > q");
	assert_int_equal(doc->lines[0].spans[15].role, ROLE_BULLET);
	assert_string_equal(doc->lines[0].spans[16].text, "- - x");
	assert_int_equal(doc->lines[0].spans[16].role, ROLE_PLAIN);
	text_doc_free(doc);
	doc = render("1. 2. 3) 4. 5. 6. 7. 8. 9. 10. 11. 12. 13. 14. 15. 16. 17. 18) n", 80, &ascii);
	assert_non_null(strstr(doc->lines[0].spans[doc->lines[0].span_count - 1].text, "17. 18) n"));
	text_doc_free(doc);
}

static void markdown_leaves_code_dashes_and_sixteen_markers_alone(void **state)
{
	struct text_doc *doc = render("a --- b - c\n\n---\n\n- - - - - - - - - - - - - - - - z", 80,
				      &ascii);
	ASSERT_LINES(doc, "a --- b - c", "", "--------------------------------------------------"
					      "------------------------------",
		     "", "- - - - - - - - - - - - - - - - z");
	assert_int_equal(doc->lines[4].span_count, 17);
	text_doc_free(doc);
}

/* Whatever the structure, wrapped lines fit and no word is lost. */
static void markdown_every_wrapped_line_fits_at_every_width(void **state)
{
	const char *md = "# A heading with several words\n\nSome *emphasis*, **strong**, `code`, "
			 "[a link](http://example.com/path) and \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
			 "text.\n\n- item one is long\n  - nested item\n    > quoted inside\n"
			 "1. ordered\n\n> quote\n> > deeper quote with words\n\n---\n\n"
			 "- - > - x&#x10FFFF;&#x202E;y &#27;&#27;&#27;&#27;&#27;&#27;\n";
	for (int width = 10; width <= 60; width++) {
		struct text_doc *doc = render(md, width, &unicode);
		assert_no_line_wider_than(doc, width);
		text_doc_free(doc);
	}
}

/* Random Markdown-ish input: rendering always succeeds, shows no control
 * byte and ends on a line with content. */
static void markdown_survives_random_input_without_control_bytes(void **state)
{
	static const char *const pieces[] = { "- ", "> ", "1. ", "*", "_", "`", "```\n", "    ",
					      "[", "](", ")", "<", ">", "&#27;", "&#x202E;", "\n",
					      "\n\n", "# ", "---", "\t", "\x1b", "\r", "\xe6\x97\xa5",
					      "\xcc\x81", "\xff", "word ", "<b>", "!", "\\", "  \n" };
	uint32_t seed = 42;
	for (int round = 0; round < 400; round++) {
		char md[512] = "";
		for (int i = 0; i < 60; i++) {
			seed = seed * 1103515245u + 12345u;
			strcat(md, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
		}
		struct text_doc *doc = markdown_render(md, strlen(md), 10 + (int)(seed % 40),
							    round % 2 ? &ascii : &unicode);
		assert_non_null(doc);
		assert_doc_has_no_control_bytes(doc);
		if (doc->line_count > 0)
			assert_true(doc->lines[doc->line_count - 1].span_count > 0);
		text_doc_free(doc);
	}
}

static double seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Builds size bytes: head once, then unit repeated up to fraction of the size,
 * then middle once, then tail repeated to the end. */
static char *build_input(const char *head, const char *unit, double fraction, const char *middle,
			 const char *tail, size_t size, size_t *length)
{
	char *out = malloc(size + 1);
	size_t n = 0;
	assert_non_null(out);
	for (const char *p = head; *p && n < size; p++)
		out[n++] = *p;
	while (*unit && n + strlen(unit) <= (size_t)((double)size * fraction)) {
		memcpy(out + n, unit, strlen(unit));
		n += strlen(unit);
	}
	for (const char *p = middle; *p && n < size; p++)
		out[n++] = *p;
	while (*tail && n + strlen(tail) <= size) {
		memcpy(out + n, tail, strlen(tail));
		n += strlen(tail);
	}
	out[n] = '\0';
	*length = n;
	return out;
}

/* Lines of 16 list markers, each indented under the previous one so that
 * nesting keeps growing within the per-line limit, then blank lines. */
static void benchmark_staircase(void)
{
	char *md = malloc(8193);
	size_t n = 0;
	assert_non_null(md);
	for (size_t step = 0; n + 2 * 16 * step + 34 < 8192 / 2; step++) {
		memset(md + n, ' ', 2 * 16 * step);
		n += 2 * 16 * step;
		memcpy(md + n, "- - - - - - - - - - - - - - - - x\n", 34);
		n += 34;
	}
	memset(md + n, '\n', 8192 - n);
	n = 8192;
	double best = 1e9;
	for (int run = 0; run < 3; run++) {
		double start = seconds_now();
		struct text_doc *doc = markdown_render(md, n, 80, &unicode);
		double elapsed = seconds_now() - start;
		assert_non_null(doc);
		assert_no_line_wider_than(doc, 80);
		text_doc_free(doc);
		best = elapsed < best ? elapsed : best;
	}
	print_message("benchmark: %-36s %5zu bytes %8.2f ms\n", "staircase of 16-marker lines", n,
		      best * 1000);
	free(md);
}

/* The pathological inputs of LIBRARIES.md at the loader's 8 KiB cap. Prints
 * timings (best of 3); never asserts on time, only that rendering succeeds. */
static void markdown_benchmark_prints_timings_of_pathological_inputs(void **state)
{
	static const struct {
		const char *name, *head, *unit;
		double fraction;
		const char *middle, *tail;
	} cases[] = {
		{ "nested list markers + blank lines", "", "- ", 0.5, "x\n", "\n" },
		{ "the same inside a block quote", "> ", "- ", 0.5, "x\n", ">\n" },
		{ "image brackets ![[]()", "", "![[]()", 1.0, "", "" },
		{ "nested block quotes", "", ">", 1.0, " x\n", "" },
		{ "deep nesting by indentation", "", "", 0.0, "", "- a\n  " },
		{ "16 markers then blank lines", "", "- ", 0.004, "x\n", "\n" },
		{ "emphasis delimiters", "", "*a **b ", 1.0, "", "" },
		{ "entities for ESC and RLO", "", "&#27;&#x202E;", 1.0, "", "" },
		{ "links", "", "[a](http://x.y/z) ", 1.0, "", "" },
		{ "one long word", "", "a", 1.0, "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t length;
		char *md = build_input(cases[i].head, cases[i].unit, cases[i].fraction,
				       cases[i].middle, cases[i].tail, 8192, &length);
		double best = 1e9;
		for (int run = 0; run < 3; run++) {
			double start = seconds_now();
			struct text_doc *doc = markdown_render(md, length, 80, &unicode);
			double elapsed = seconds_now() - start;
			assert_non_null(doc);
			assert_no_line_wider_than(doc, 80);
			text_doc_free(doc);
			best = elapsed < best ? elapsed : best;
		}
		print_message("benchmark: %-36s %5zu bytes %8.2f ms\n", cases[i].name, length,
			      best * 1000);
		free(md);
	}
	benchmark_staircase();
}

int main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markdown_heading_is_bold_and_followed_by_a_blank_line),
		cmocka_unit_test(markdown_paragraphs_are_separated_by_one_blank_line),
		cmocka_unit_test(markdown_emphasis_and_strong_carry_roles_and_attributes),
		cmocka_unit_test(markdown_code_span_has_code_role),
		cmocka_unit_test(markdown_code_block_is_indented_unwrapped_with_tabs_expanded),
		cmocka_unit_test(markdown_indented_code_block_is_rendered_as_code),
		cmocka_unit_test(markdown_code_block_in_a_list_item_or_quote_keeps_its_prefix),
		cmocka_unit_test(markdown_table_rows_keep_their_own_lines),
		cmocka_unit_test(markdown_bullet_list_aligns_wrapped_lines_under_the_text),
		cmocka_unit_test(markdown_ordered_list_counts_from_its_start),
		cmocka_unit_test(markdown_nested_lists_are_indented),
		cmocka_unit_test(markdown_loose_list_separates_items_with_blank_lines),
		cmocka_unit_test(markdown_empty_list_item_still_shows_its_bullet),
		cmocka_unit_test(markdown_block_quote_prefixes_every_line_with_a_bar),
		cmocka_unit_test(markdown_nested_quotes_and_lists_combine_prefixes),
		cmocka_unit_test(markdown_ascii_only_uses_ascii_bullets_bars_and_rules),
		cmocka_unit_test(markdown_link_shows_text_then_url),
		cmocka_unit_test(markdown_autolink_shows_the_url_once),
		cmocka_unit_test(markdown_image_shows_alt_text_and_url),
		cmocka_unit_test(markdown_thematic_break_fills_the_width),
		cmocka_unit_test(markdown_soft_break_is_a_space_and_hard_break_a_new_line),
		cmocka_unit_test(markdown_html_block_is_shown_as_text),
		cmocka_unit_test(markdown_inline_html_is_shown_as_text),
		cmocka_unit_test(markdown_sanitizes_characters_cmark_decodes_from_entities),
		cmocka_unit_test(markdown_sanitizes_raw_control_characters_everywhere),
		cmocka_unit_test(markdown_wraps_words_at_the_width),
		cmocka_unit_test(markdown_never_splits_wide_characters_across_the_edge),
		cmocka_unit_test(markdown_breaks_words_longer_than_the_width),
		cmocka_unit_test(markdown_keeps_combining_marks_with_their_base),
		cmocka_unit_test(markdown_never_splits_a_marker),
		cmocka_unit_test(markdown_clamps_width_below_ten),
		cmocka_unit_test(markdown_has_no_trailing_empty_lines),
		cmocka_unit_test(markdown_empty_or_null_input_gives_no_lines),
		cmocka_unit_test(markdown_deep_nesting_still_fits_the_width),
		cmocka_unit_test(markdown_reads_container_markers_past_sixteen_as_text),
		cmocka_unit_test(markdown_leaves_code_dashes_and_sixteen_markers_alone),
		cmocka_unit_test(markdown_every_wrapped_line_fits_at_every_width),
		cmocka_unit_test(markdown_long_paragraph_keeps_every_word_and_style),
		cmocka_unit_test(markdown_survives_random_input_without_control_bytes),
		cmocka_unit_test(markdown_benchmark_prints_timings_of_pathological_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
