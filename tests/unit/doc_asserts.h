/* Assertions on styled lines, shared by the text and highlight tests.
 * Include after <cmocka.h> and "review/text.h". */
#ifndef REVIEW_TESTS_DOC_ASSERTS_H
#define REVIEW_TESTS_DOC_ASSERTS_H

#include <stdlib.h>
#include <string.h>

/* Line i of doc as plain text; the caller frees it. */
static char *line_text(const struct text_doc *doc, size_t i)
{
	assert_true(i < doc->line_count);
	char *plain = text_line_plain(&doc->lines[i]);
	assert_non_null(plain);
	return plain;
}

static void assert_line(const struct text_doc *doc, size_t i, const char *expected)
{
	char *plain = line_text(doc, i);
	if (strcmp(plain, expected) != 0)
		fail_msg("line %zu: got \"%s\", expected \"%s\"", i, plain, expected);
	free(plain);
}

/* Every line of doc as expected, and no more: a mismatch prints what came. */
static inline void assert_lines(const struct text_doc *doc, const char *const *expected, size_t count)
{
	for (size_t i = 0; i < count && i < doc->line_count; i++)
		assert_line(doc, i, expected[i]);
	if (doc->line_count != count) {
		for (size_t i = 0; i < doc->line_count; i++) {
			char *plain = line_text(doc, i);
			print_message("  got line %zu: \"%s\"\n", i, plain);
			free(plain);
		}
		fail_msg("got %zu lines, expected %zu", doc->line_count, count);
	}
}

#define ASSERT_LINES(doc, ...)                                               \
	do {                                                                 \
		static const char *const expected_[] = { __VA_ARGS__ };      \
		assert_lines((doc), expected_, sizeof expected_ / sizeof *expected_); \
	} while (0)

#endif
