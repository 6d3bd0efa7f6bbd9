/* Untrusted text made safe to show, and styled lines to hold it (the Markdown
 * renderer that builds them is markdown.c).
 *
 * Everything that reaches a text_span goes through text_unit_next(): it decodes
 * strict UTF-8 and turns every control, invisible or undecodable character into
 * a visible marker, so a file cannot move the cursor, recolour the terminal or
 * reorder what the reader sees (Trojan Source). */
#define _XOPEN_SOURCE 700 /* wcwidth */

#include "review/text.h"
#include "text_private.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>


static const struct text_options default_options = { false, DEFAULT_TAB };

/* ---- growable byte buffer ---------------------------------------------- */


bool text_buf_reserve(struct text_buf *b, size_t extra)
{
	if (b->failed)
		return false;
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *data = realloc(b->data, cap);
	if (data == NULL) {
		b->failed = true;
		return false;
	}
	b->data = data;
	b->cap = cap;
	return true;
}

void text_buf_put(struct text_buf *b, const char *text, size_t len)
{
	if (!text_buf_reserve(b, len))
		return;
	memcpy(b->data + b->len, text, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Returns the NUL-terminated contents (caller frees), NULL after a failure. */
char *text_buf_finish(struct text_buf *b)
{
	if (!text_buf_reserve(b, 0)) {
		free(b->data);
		return NULL;
	}
	b->data[b->len] = '\0';
	return b->data;
}

/* Grows an array by doubling; returns the new block or NULL (old one intact). */
void *text_grow_array(void *items, size_t *capacity, size_t size)
{
	size_t cap = *capacity ? *capacity * 2 : 8;
	if (cap > SIZE_MAX / size)
		return NULL;
	void *grown = realloc(items, cap * size);
	if (grown != NULL)
		*capacity = cap;
	return grown;
}

/* ---- decoding and classification --------------------------------------- */

/* Strict UTF-8: returns the sequence length, or 0 for an invalid lead byte,
 * a truncated sequence, an overlong form, a surrogate or a value past U+10FFFF. */
size_t text_utf8_decode(const char *text, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned char b = s[0], lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		c = b & 0x0F;
		lo = b == 0xE0 ? 0xA0 : 0x80; /* overlong */
		hi = b == 0xED ? 0x9F : 0xBF; /* surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		c = b & 0x07;
		lo = b == 0xF0 ? 0x90 : 0x80; /* overlong */
		hi = b == 0xF4 ? 0x8F : 0xBF; /* past U+10FFFF */
	} else {
		return 0;
	}
	if (len <= need)
		return 0;
	for (size_t i = 1; i <= need; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return need + 1;
}

struct range {
	uint32_t lo, hi;
};

/* Characters that draw nothing or reorder text: a reviewer must see them.
 * Sorted; C0, DEL and C1 are handled before this table. */
static const struct range invisible[] = {
	{ 0x00AD, 0x00AD },   /* soft hyphen */
	{ 0x061C, 0x061C },   /* Arabic letter mark */
	{ 0x115F, 0x1160 },   /* Hangul fillers */
	{ 0x17B4, 0x17B5 },   /* Khmer inherent vowels */
	{ 0x180B, 0x180F },   /* Mongolian selectors and vowel separator */
	{ 0x200B, 0x200F },   /* zero-width space/joiners, LRM, RLM */
	{ 0x2028, 0x202E },   /* line/paragraph separators, bidi embeddings */
	{ 0x2060, 0x2064 },   /* word joiner, invisible operators */
	{ 0x2066, 0x206F },   /* bidi isolates, deprecated format controls */
	{ 0x3164, 0x3164 },   /* Hangul filler */
	{ 0xFDD0, 0xFDEF },   /* noncharacters */
	{ 0xFEFF, 0xFEFF },   /* zero-width no-break space (BOM) */
	{ 0xFFA0, 0xFFA0 },   /* halfwidth Hangul filler */
	{ 0xFFF9, 0xFFFB },   /* interlinear annotation */
	{ 0x1D173, 0x1D17A }, /* musical format controls */
	{ 0xE0000, 0xE007F }, /* tag characters */
};

bool text_is_invisible(uint32_t cp)
{
	if ((cp & 0xFFFE) == 0xFFFE) /* U+xFFFE, U+xFFFF: noncharacters */
		return true;
	for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++) {
		if (cp < invisible[i].lo)
			return false;
		if (cp <= invisible[i].hi)
			return true;
	}
	return false;
}

int text_cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* One displayable unit of untrusted text: a character shown as itself, or a
 * marker standing for a character that must not reach the terminal. */

static const char hex_digits[] = "0123456789ABCDEF";

static size_t format_code_point(char *out, uint32_t cp)
{
	int digits = cp > 0xFFFFF ? 6 : cp > 0xFFFF ? 5 : 4;
	size_t n = 0;
	out[n++] = '<';
	out[n++] = 'U';
	out[n++] = '+';
	for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
		out[n++] = hex_digits[(cp >> shift) & 0xF];
	out[n++] = '>';
	return n;
}

void text_unit_next(const char *text, size_t length, size_t pos, bool ascii_only,
		      struct text_unit *u)
{
	const unsigned char *p = (const unsigned char *)text + pos;
	uint32_t cp = 0;
	size_t n = text_utf8_decode(text + pos, length - pos, &cp);

	u->marker = true;
	u->text = u->buf;
	u->cp = cp;
	u->consumed = n ? n : 1;
	if (n == 0) {
		u->buf[0] = '<';
		u->buf[1] = hex_digits[p[0] >> 4];
		u->buf[2] = hex_digits[p[0] & 0xF];
		u->buf[3] = '>';
		u->text_len = 4;
	} else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F) {
		u->buf[0] = '^';
		u->buf[1] = (char)(cp == 0x7F ? '?' : cp + 0x40);
		u->text_len = 2;
	} else if (cp >= 0x80 && (ascii_only || cp <= 0x9F || text_is_invisible(cp))) {
		u->text_len = format_code_point(u->buf, cp);
	} else {
		u->marker = false;
		u->text = text + pos;
		u->text_len = n;
	}
}

const struct text_options *text_options_or_default(const struct text_options *options)
{
	return options ? options : &default_options;
}

static int tab_width(const struct text_options *options)
{
	return options->tab_width > 0 ? options->tab_width : DEFAULT_TAB;
}

/* ---- public: sanitize and measure -------------------------------------- */

static char *sanitize(const char *text, size_t length, const struct text_options *options, bool one_line)
{
	bool ascii_only = text_options_or_default(options)->ascii_only;
	struct text_buf out = { 0 };
	size_t pos = 0;

	if (text == NULL)
		length = 0;
	if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte order mark is not content */
	text_buf_reserve(&out, length);
	while (pos < length) {
		unsigned char c = (unsigned char)text[pos];
		if ((c == '\n' || c == '\t') && one_line) {
			text_buf_put(&out, c == '\n' ? "^J" : "^I", 2);
			pos++;
			continue;
		}
		if (c >= 0x20 && c < 0x7F) { /* a run of printable ASCII is copied whole */
			size_t end = pos + 1;
			while (end < length && (unsigned char)text[end] >= 0x20 && (unsigned char)text[end] < 0x7F)
				end++;
			text_buf_put(&out, text + pos, end - pos);
			pos = end;
			continue;
		}
		if (c == '\n' || c == '\t') {
			text_buf_put(&out, text + pos, 1);
			pos++;
			continue;
		}
		struct text_unit u;
		text_unit_next(text, length, pos, ascii_only, &u);
		text_buf_put(&out, u.text, u.text_len);
		pos += u.consumed;
	}
	return text_buf_finish(&out);
}

char *text_sanitize(const char *text, size_t length, const struct text_options *options)
{
	return sanitize(text, length, options, false);
}

char *text_sanitize_line(const char *text, size_t length, const struct text_options *options)
{
	return sanitize(text, length, options, true);
}

int text_width(const char *text, size_t length)
{
	int total = 0;
	size_t pos = 0;

	while (pos < length && total < INT_MAX - 2) {
		if ((unsigned char)text[pos] >= 0x20 && (unsigned char)text[pos] < 0x7F) {
			total++;
			pos++;
			continue;
		}
		uint32_t cp;
		size_t n = text_utf8_decode((const char *)text + pos, length - pos, &cp);
		total += n ? text_cp_width(cp) : 1;
		pos += n ? n : 1;
	}
	return total;
}

/* Levenshtein distance for "did you mean" suggestions; names are short, so one
 * row on the stack is enough and longer strings are simply "far". */
size_t text_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65];

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t above = row[j], best = diagonal + (a[i - 1] != b[j - 1]);
			best = above + 1 < best ? above + 1 : best;
			best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb];
}

/* ---- documents and lines ------------------------------------------------ */

struct text_doc *text_doc_new(void)
{
	return calloc(1, sizeof(struct text_doc));
}

void text_line_clear(struct text_line *line)
{
	free(line->spans);
	free(line->store);
	memset(line, 0, sizeof *line);
}

void text_doc_free(struct text_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->line_count; i++)
		text_line_clear(&doc->lines[i]);
	free(doc->lines);
	free(doc);
}

bool text_doc_reserve_lines(struct text_doc *doc, size_t count)
{
	if (count <= doc->line_capacity)
		return true;
	if (count > SIZE_MAX / sizeof *doc->lines)
		return false;
	struct text_line *lines = realloc(doc->lines, count * sizeof *doc->lines);
	if (lines == NULL)
		return false;
	doc->lines = lines;
	doc->line_capacity = count;
	return true;
}

struct text_line *text_doc_add_line(struct text_doc *doc)
{
	if (doc->line_count == doc->line_capacity) {
		void *grown = text_grow_array(doc->lines, &doc->line_capacity, sizeof *doc->lines);
		if (grown == NULL)
			return NULL;
		doc->lines = grown;
	}
	struct text_line *line = &doc->lines[doc->line_count++];
	memset(line, 0, sizeof *line);
	return line;
}

/* Moves the store to a block of at least `need` bytes. Not realloc: the spans'
 * text pointers are rebased while the old block is still there to measure. */
static bool grow_store(struct text_line *line, size_t need)
{
	size_t cap = line->store_cap ? line->store_cap * 2 : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			return false;
		cap *= 2;
	}
	char *store = malloc(cap);
	if (store == NULL)
		return false;
	if (line->store_len > 0)
		memcpy(store, line->store, line->store_len);
	for (size_t i = 0; i < line->span_count; i++)
		line->spans[i].text = store + (line->spans[i].text - line->store);
	free(line->store);
	line->store = store;
	line->store_cap = cap;
	return true;
}

bool text_line_reserve(struct text_line *line, size_t bytes, size_t spans)
{
	if (bytes > SIZE_MAX - line->store_len || spans > SIZE_MAX - line->span_count)
		return false;
	if (line->store_len + bytes > line->store_cap && !grow_store(line, line->store_len + bytes))
		return false;
	while (line->span_count + spans > line->span_capacity) {
		void *grown = text_grow_array(line->spans, &line->span_capacity, sizeof *line->spans);
		if (grown == NULL)
			return false;
		line->spans = grown;
	}
	return true;
}

/* Appends bytes to the span being built at the end of the store (close_run
 * makes it a span); room for its NUL stays reserved. */
static bool store_put(struct text_line *line, const char *text, size_t len)
{
	if (!text_line_reserve(line, len + 1, 0))
		return false;
	memcpy(line->store + line->store_len, text, len);
	line->store_len += len;
	return true;
}

/* Makes the bytes stored since `start` one span (none when there are none). */
static bool close_run(struct text_line *line, size_t start, enum text_role role,
		      unsigned char bold, unsigned char italic)
{
	if (line->store_len == start)
		return true;
	if (!text_line_reserve(line, 1, 1))
		return false;
	line->store[line->store_len++] = '\0';
	line->spans[line->span_count++] = (struct text_span){ line->store + start, role, bold, italic };
	return true;
}

/* Adds text (already safe) as one span. */
bool text_line_push_span(struct text_line *line, const char *text, size_t len,
			   enum text_role role, unsigned char bold, unsigned char italic)
{
	if (len == 0)
		return true;
	/* The text may be the line's own (a span copied within its line): keep
	 * its place across a move of the store. */
	bool own = line->store != NULL && text >= line->store && text < line->store + line->store_len;
	size_t own_offset = own ? (size_t)(text - line->store) : 0;
	if ((line->store_len + len + 1 > line->store_cap || line->span_count == line->span_capacity) &&
	    !text_line_reserve(line, len + 1, 1))
		return false;
	char *copy = line->store + line->store_len;
	memcpy(copy, own ? line->store + own_offset : text, len);
	copy[len] = '\0';
	line->store_len += len + 1;
	line->spans[line->span_count++] = (struct text_span){ copy, role, bold, italic };
	return true;
}

bool text_push_run(struct text_line *line, struct text_buf *run, enum text_role role,
		     unsigned char bold, unsigned char italic)
{
	if (run->failed)
		return false;
	bool ok = text_line_push_span(line, run->data, run->len, role, bold, italic);
	run->len = 0;
	return ok;
}

static bool put_spaces(struct text_line *line, int count)
{
	static const char spaces[] = "                ";
	bool ok = true;
	while (ok && count > 0) {
		int n = count < 16 ? count : 16;
		ok = store_put(line, spaces, (size_t)n);
		count -= n;
	}
	return ok;
}

/* Printable ASCII (no tab, no control) is shown as it is, one column a byte. */
static bool is_plain_ascii(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++)
		if ((unsigned char)text[i] < 0x20 || (unsigned char)text[i] >= 0x7F)
			return false;
	return true;
}

bool text_line_append_styled(struct text_line *line, const char *text, size_t length,
			     enum text_role role, unsigned char bold, unsigned char italic,
			     const struct text_options *options, int *column)
{
	/* Most code tokens and most prose: one span, no decoding, no run buffer. */
	if (text != NULL && is_plain_ascii(text, length)) {
		if (column != NULL)
			*column += (int)length;
		return text_line_push_span(line, text, length, role, bold, italic);
	}
	options = text_options_or_default(options);
	int tab = tab_width(options);
	int col = 0;
	if (column != NULL)
		col = *column;
	else if (text != NULL && memchr(text, '\t', length) != NULL)
		col = text_line_width(line);

	/* The text goes straight into the line's store, one span per run between
	 * markers. */
	size_t run = line->store_len;
	bool ok = true;
	for (size_t pos = 0; ok && text != NULL && pos < length;) {
		struct text_unit u;
		text_unit_next(text, length, pos, options->ascii_only, &u);
		pos += u.consumed;
		if (u.marker) {
			ok = close_run(line, run, role, bold, italic) &&
			     text_line_push_span(line, u.text, u.text_len, ROLE_ESCAPE, bold, italic);
			run = line->store_len;
			col += (int)u.text_len;
		} else if (u.cp == '\t') {
			int n = tab - col % tab;
			ok = put_spaces(line, n);
			col += n;
		} else if (u.cp == '\n') {
			ok = store_put(line, " ", 1);
			col++;
		} else {
			ok = store_put(line, u.text, u.text_len);
			col += text_cp_width(u.cp);
		}
	}
	ok = ok && close_run(line, run, role, bold, italic);
	if (column != NULL)
		*column = col;
	return ok;
}

bool text_line_append(struct text_line *line, const char *text, size_t length,
		      enum text_role role, const struct text_options *options)
{
	return text_line_append_styled(line, text, length, role, 0, 0, options, NULL);
}

int text_line_width(const struct text_line *line)
{
	int total = 0;
	for (size_t i = 0; i < line->span_count; i++) {
		const char *t = line->spans[i].text;
		total += text_width(t, strlen(t));
	}
	return total;
}

char *text_line_plain(const struct text_line *line)
{
	struct text_buf out = { 0 };
	for (size_t i = 0; i < line->span_count; i++)
		text_buf_put(&out, line->spans[i].text, strlen(line->spans[i].text));
	return text_buf_finish(&out);
}


/* Per byte of eight, exact: the high bit set where the byte is below 0x20 (a
 * byte of 0x80 or more is not), where it is DEL (0x7F), and, unless breaks are
 * text, where it is a line feed or a tab, which the first test then keeps. */
#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u
#define LOWS 0x7F7F7F7F7F7F7F7Fu

static uint64_t bytes_equal(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (ONES * c);
	return ~(((y & LOWS) + LOWS) | y) & HIGHS;
}

static uint64_t control_bytes(uint64_t x, bool breaks_are_text)
{
	uint64_t below = ~(((x & LOWS) + ONES * (0x80 - 0x20)) | x) & HIGHS;
	if (breaks_are_text)
		below &= ~(bytes_equal(x, '\n') | bytes_equal(x, '\t'));
	return below | bytes_equal(x, 0x7F);
}

static bool is_control(unsigned char c, bool breaks_are_text)
{
	return ((c < 0x20 && !(breaks_are_text && (c == '\n' || c == '\t'))) || c == 0x7f);
}

size_t text_find_control(const char *text, size_t length, bool breaks_are_text)
{
	size_t i = 0;
	for (; i + 8 <= length; i += 8) {
		uint64_t word;
		memcpy(&word, text + i, sizeof word);
		if (control_bytes(word, breaks_are_text))
			break; /* the byte loop below finds which */
	}
	for (; i < length; i++)
		if (is_control((unsigned char)text[i], breaks_are_text))
			return i;
	return length;
}
