/* Syntax highlighting of code snippets into styled lines, one per code line,
 * tabs expanded and every character sanitized. */
#ifndef REVIEW_HIGHLIGHT_H
#define REVIEW_HIGHLIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "review/text.h"

/* The languages with highlighting rules: index 0 .. count-1, each as its
 * canonical name followed by its aliases, space-separated ("python py ..."). */
size_t highlight_language_count(void);
const char *highlight_language_names(size_t index);

/* True when the language has highlighting rules (others render as plain text). */
bool highlight_supports(const char *language);

/* Returns a new doc (free with text_doc_free) with one line per line of code,
 * spans in ROLE_PLAIN, ROLE_KEYWORD, ROLE_TYPE, ROLE_STRING, ROLE_COMMENT,
 * ROLE_NUMBER, ROLE_PREPROCESSOR and ROLE_ESCAPE; NULL when out of memory.
 * Multi-line comments and strings carry over lines. */
struct text_doc *highlight_code(const char *language, const char *code,
				const struct text_options *options);

#endif
