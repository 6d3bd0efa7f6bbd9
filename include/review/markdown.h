/* Markdown to styled lines: the context, prompt, hints, candidate texts and
 * explanations of an exercise, as every front end shows them. */
#ifndef REVIEW_MARKDOWN_H
#define REVIEW_MARKDOWN_H

#include <stddef.h>

#include "review/text.h"

/* Renders Markdown through cmark into lines wrapped to width columns (headings,
 * emphasis, strong, code spans and blocks, lists, block quotes, links as text plus
 * URL, raw HTML as text). Returns a new doc (free with text_doc_free), or NULL when
 * out of memory. A width below 10 counts as 10 (above 4096 as 4096). Code block
 * lines are indented 4 and not wrapped; every other line fits the width. Rows of
 * a GitHub-style table keep their own lines. Cost is cmark's: bound the input size
 * (see LIBRARIES.md) before calling; container markers past 16 on one line are
 * read as text, which keeps cmark's quadratic nesting case to milliseconds. */
struct text_doc *markdown_render(const char *markdown, size_t length, int width,
				      const struct text_options *options);

#endif
