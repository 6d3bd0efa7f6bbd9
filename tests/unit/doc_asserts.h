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

#endif
