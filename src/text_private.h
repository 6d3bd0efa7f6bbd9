/* What the text module shares with the Markdown renderer and the highlighter
 * and no one else: the growable buffer, the unit decoder that turns every
 * character into something safe to show, span helpers, and reserving room in
 * lines and docs whose size the renderer knows. Not a public header: the core's
 * modules use include/review/text.h and include/review/markdown.h. */
#ifndef REVIEW_TEXT_PRIVATE_H
#define REVIEW_TEXT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "review/text.h"

enum { MARKER_MAX = 12, DEFAULT_TAB = 4, MIN_WIDTH = 10, MAX_WIDTH = 4096 };

/* A growable byte buffer; `failed` once an allocation failed (then it stays put). */
struct text_buf {
	char *data;
	size_t len, cap;
	bool failed;
};

bool text_buf_reserve(struct text_buf *b, size_t extra);
void text_buf_put(struct text_buf *b, const char *text, size_t len);
/* The bytes as a new string (the buffer's own); NULL when an allocation failed. */
char *text_buf_finish(struct text_buf *b);
/* Doubles an array's capacity (from 8); NULL when out of memory, items untouched. */
void *text_grow_array(void *items, size_t *capacity, size_t size);

/* One character of untrusted text, as shown: itself, or a visible marker. */
struct text_unit {
	const char *text; /* bytes to show: the source bytes or buf */
	size_t text_len;
	size_t consumed; /* source bytes covered */
	uint32_t cp;     /* decoded code point, meaningful when !marker */
	bool marker;
	char buf[MARKER_MAX];
};

/* Decodes the unit at pos: every control, invisible or undecodable character
 * becomes a marker (<U+202E>, ^[, <FF>); with ascii_only every non-ASCII one. */
void text_unit_next(const char *text, size_t length, size_t pos, bool ascii_only, struct text_unit *u);
/* Columns a code point takes: 0, 1 or 2. */
int text_cp_width(uint32_t cp);
const struct text_options *text_options_or_default(const struct text_options *options);

/* Makes room for `bytes` more bytes of span text and `spans` more spans, so
 * that a line built from known pieces grows once; false when out of memory. */
bool text_line_reserve(struct text_line *line, size_t bytes, size_t spans);
/* Makes room for `count` lines in all, so that a doc whose length is known
 * grows once; false when out of memory. */
bool text_doc_reserve_lines(struct text_doc *doc, size_t count);
/* Adds text (already safe) as one span; false when out of memory. */
bool text_line_push_span(struct text_line *line, const char *text, size_t len, enum text_role role,
			 unsigned char bold, unsigned char italic);
/* Pushes the run as a span and empties it. */
bool text_push_run(struct text_line *line, struct text_buf *run, enum text_role role,
		   unsigned char bold, unsigned char italic);

#endif
