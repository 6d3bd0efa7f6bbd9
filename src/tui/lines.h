/* Styled lines for the screens, built only through text.h: appending, copying,
 * indenting and word-wrapping by display columns. No curses here, so the unit
 * tests can compile wrap.c on its own. */
#ifndef REVIEW_TUI_LINES_H
#define REVIEW_TUI_LINES_H

#include <stdbool.h>

#include "review/text.h"

/* Appends text (sanitized by text.h) as spans of one role. */
bool tui_append(struct text_line *line, const char *text, enum text_role role, bool bold,
		const struct text_options *options);
/* Appends copies of src's spans, styles included. */
bool tui_copy_spans(struct text_line *dst, const struct text_line *src);
/* Appends line to out wrapped at width columns; continuation lines start with
 * `indent` spaces. */
bool tui_wrap_line(struct text_doc *out, const struct text_line *line, int width, int indent);
/* Renders Markdown at width - indent and appends it to out indented; the first
 * line starts with the spans of `first` (NULL: spaces) instead, and a `first`
 * wider than indent widens the indent to its width. */
bool tui_append_markdown(struct text_doc *out, const char *markdown, int width, int indent,
			 const struct text_line *first, const struct text_options *options);
/* Appends a plain (sanitized) line of text wrapped at width. */
bool tui_append_wrapped(struct text_doc *out, const char *text, enum text_role role, int width,
			int indent, const struct text_options *options);

#endif
