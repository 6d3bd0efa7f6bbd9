/* Untrusted text made safe to show, and Markdown rendered into styled lines.
 *
 * Everything that reaches a text_span goes through unit_next(): it decodes
 * strict UTF-8 and turns every control, invisible or undecodable character into
 * a visible marker, so a file cannot move the cursor, recolour the terminal or
 * reorder what the reader sees (Trojan Source). */
#define _XOPEN_SOURCE 700 /* wcwidth */

#include "review/text.h"

#include <cmark.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum { MARKER_MAX = 12, DEFAULT_TAB = 4, MIN_WIDTH = 10, MAX_WIDTH = 4096 };

static const struct text_options default_options = { false, DEFAULT_TAB };

/* ---- growable byte buffer ---------------------------------------------- */

struct buf {
	char *data;
	size_t len, cap;
	bool failed;
};

static bool buf_reserve(struct buf *b, size_t extra)
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

static void buf_put(struct buf *b, const char *text, size_t len)
{
	if (!buf_reserve(b, len))
		return;
	memcpy(b->data + b->len, text, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Returns the NUL-terminated contents (caller frees), NULL after a failure. */
static char *buf_finish(struct buf *b)
{
	if (!buf_reserve(b, 0)) {
		free(b->data);
		return NULL;
	}
	b->data[b->len] = '\0';
	return b->data;
}

/* Grows an array by doubling; returns the new block or NULL (old one intact). */
static void *grow_array(void *items, size_t *capacity, size_t size)
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

static int cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* One displayable unit of untrusted text: a character shown as itself, or a
 * marker standing for a character that must not reach the terminal. */
struct unit {
	const char *text; /* bytes to show: the source bytes or buf */
	size_t text_len;
	size_t consumed; /* source bytes covered */
	uint32_t cp;     /* decoded code point, meaningful when !marker */
	bool marker;
	char buf[MARKER_MAX];
};

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

static void unit_next(const char *text, size_t length, size_t pos, bool ascii_only,
		      struct unit *u)
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

static const struct text_options *options_or_default(const struct text_options *options)
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
	bool ascii_only = options_or_default(options)->ascii_only;
	struct buf out = { 0 };
	size_t pos = 0;

	if (text == NULL)
		length = 0;
	if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte order mark is not content */
	buf_reserve(&out, length);
	while (pos < length) {
		unsigned char c = (unsigned char)text[pos];
		if ((c == '\n' || c == '\t') && one_line) {
			buf_put(&out, c == '\n' ? "^J" : "^I", 2);
			pos++;
			continue;
		}
		if (c >= 0x20 && c < 0x7F) { /* a run of printable ASCII is copied whole */
			size_t end = pos + 1;
			while (end < length && (unsigned char)text[end] >= 0x20 && (unsigned char)text[end] < 0x7F)
				end++;
			buf_put(&out, text + pos, end - pos);
			pos = end;
			continue;
		}
		if (c == '\n' || c == '\t') {
			buf_put(&out, text + pos, 1);
			pos++;
			continue;
		}
		struct unit u;
		unit_next(text, length, pos, ascii_only, &u);
		buf_put(&out, u.text, u.text_len);
		pos += u.consumed;
	}
	return buf_finish(&out);
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
		total += n ? cp_width(cp) : 1;
		pos += n ? n : 1;
	}
	return total;
}

/* ---- documents and lines ------------------------------------------------ */

struct text_doc *text_doc_new(void)
{
	return calloc(1, sizeof(struct text_doc));
}

static void line_clear(struct text_line *line)
{
	for (size_t i = 0; i < line->span_count; i++)
		free(line->spans[i].text);
	free(line->spans);
	memset(line, 0, sizeof *line);
}

void text_doc_free(struct text_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->line_count; i++)
		line_clear(&doc->lines[i]);
	free(doc->lines);
	free(doc);
}

struct text_line *text_doc_add_line(struct text_doc *doc)
{
	if (doc->line_count == doc->line_capacity) {
		void *grown = grow_array(doc->lines, &doc->line_capacity, sizeof *doc->lines);
		if (grown == NULL)
			return NULL;
		doc->lines = grown;
	}
	struct text_line *line = &doc->lines[doc->line_count++];
	memset(line, 0, sizeof *line);
	return line;
}

/* Adds text (already safe) as one span. */
static bool line_push_span(struct text_line *line, const char *text, size_t len,
			   enum text_role role, unsigned char bold, unsigned char italic)
{
	if (len == 0)
		return true;
	if (line->span_count == line->span_capacity) {
		void *grown = grow_array(line->spans, &line->span_capacity, sizeof *line->spans);
		if (grown == NULL)
			return false;
		line->spans = grown;
	}
	char *copy = malloc(len + 1);
	if (copy == NULL)
		return false;
	memcpy(copy, text, len);
	copy[len] = '\0';
	line->spans[line->span_count++] = (struct text_span){ copy, role, bold, italic };
	return true;
}

static bool push_run(struct text_line *line, struct buf *run, enum text_role role,
		     unsigned char bold, unsigned char italic)
{
	if (run->failed)
		return false;
	bool ok = line_push_span(line, run->data, run->len, role, bold, italic);
	run->len = 0;
	return ok;
}

static void put_spaces(struct buf *b, int count)
{
	static const char spaces[] = "                ";
	while (count > 0) {
		int n = count < 16 ? count : 16;
		buf_put(b, spaces, (size_t)n);
		count -= n;
	}
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
		return line_push_span(line, text, length, role, bold, italic);
	}
	options = options_or_default(options);
	int tab = tab_width(options);
	int col = 0;
	if (column != NULL)
		col = *column;
	else if (text != NULL && memchr(text, '\t', length) != NULL)
		col = text_line_width(line);

	struct buf run = { 0 };
	bool ok = true;
	for (size_t pos = 0; ok && text != NULL && pos < length;) {
		struct unit u;
		unit_next(text, length, pos, options->ascii_only, &u);
		pos += u.consumed;
		if (u.marker) {
			ok = push_run(line, &run, role, bold, italic) &&
			     line_push_span(line, u.text, u.text_len, ROLE_ESCAPE, bold, italic);
			col += (int)u.text_len;
		} else if (u.cp == '\t') {
			int n = tab - col % tab;
			put_spaces(&run, n);
			col += n;
		} else if (u.cp == '\n') {
			buf_put(&run, " ", 1);
			col++;
		} else {
			buf_put(&run, u.text, u.text_len);
			col += cp_width(u.cp);
		}
	}
	ok = ok && push_run(line, &run, role, bold, italic);
	free(run.data);
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
	struct buf out = { 0 };
	for (size_t i = 0; i < line->span_count; i++)
		buf_put(&out, line->spans[i].text, strlen(line->spans[i].text));
	return buf_finish(&out);
}

/* ---- Markdown ----------------------------------------------------------- */

/* Inline content is gathered as cells (one character, space, marker or hard
 * break each) so that wrapping can measure and cut without re-decoding. */
enum cell_kind { CELL_CHAR, CELL_SPACE, CELL_SOFT_BREAK, CELL_MARKER, CELL_BREAK };

struct cell {
	size_t off; /* into md.bytes */
	unsigned char len, width, kind, role, bold, italic;
};

/* A container's contribution to the start of each of its lines. */
struct prefix {
	char first[24]; /* on the container's first line: a bullet or number */
	char rest[24];  /* on the following lines */
	int width;
	enum text_role role;
	bool used, quote;
};

struct glyphs {
	const char *bullet, *quote, *quote_blank, *rule;
};

static const struct glyphs unicode_glyphs = { "\u2022 ", "\u2502 ", "\u2502", "\u2500" };
static const struct glyphs ascii_glyphs = { "- ", "| ", "|", "-" };

struct md {
	struct text_doc *doc;
	const struct text_options *options;
	const struct glyphs *glyphs;
	int width;
	bool failed, need_blank;
	struct prefix *prefixes;
	size_t prefix_count, prefix_cap;
	size_t shown_count; /* prefixes [0, shown_count) are drawn; deeper ones flatten */
	int shown_width;
	int *counters; /* next number of each open ordered list */
	size_t counter_count, counter_cap;
	struct cell *cells;
	size_t cell_count, cell_cap;
	struct buf bytes;
	int emph, strong, heading, code, link;
};

struct style {
	unsigned char role, bold, italic;
};

static struct style md_style(const struct md *md)
{
	enum text_role role = md->code      ? ROLE_CODE
			      : md->link    ? ROLE_LINK
			      : md->heading ? ROLE_HEADING
			      : md->strong  ? ROLE_STRONG
			      : md->emph    ? ROLE_EMPHASIS
					    : ROLE_PLAIN;
	return (struct style){ (unsigned char)role, md->strong > 0 || md->heading > 0, md->emph > 0 };
}

static void md_add_cell(struct md *md, const char *text, size_t len, int width,
			enum cell_kind kind, struct style st)
{
	if (md->cell_count == md->cell_cap) {
		void *grown = grow_array(md->cells, &md->cell_cap, sizeof *md->cells);
		if (grown == NULL) {
			md->failed = true;
			return;
		}
		md->cells = grown;
	}
	md->cells[md->cell_count++] = (struct cell){ md->bytes.len, (unsigned char)len,
						     (unsigned char)width, (unsigned char)kind,
						     st.role, st.bold, st.italic };
	buf_put(&md->bytes, text, len);
}

static void md_add_text(struct md *md, const char *text, size_t length, struct style st)
{
	for (size_t pos = 0; text != NULL && pos < length && !md->failed;) {
		unsigned char c = (unsigned char)text[pos];
		if (c > 0x20 && c < 0x7F) { /* printable ASCII: itself, one column */
			md_add_cell(md, text + pos++, 1, 1, CELL_CHAR, st);
			continue;
		}
		struct unit u;
		unit_next(text, length, pos, md->options->ascii_only, &u);
		pos += u.consumed;
		if (u.marker)
			md_add_cell(md, u.text, u.text_len, (int)u.text_len, CELL_MARKER, st);
		else if (u.cp == ' ' || u.cp == '\t' || u.cp == '\n')
			md_add_cell(md, " ", 1, 1, CELL_SPACE, st);
		else
			md_add_cell(md, u.text, u.text_len, cp_width(u.cp), CELL_CHAR, st);
	}
}

static void md_add_literal(struct md *md, cmark_node *node)
{
	const char *literal = cmark_node_get_literal(node);
	if (literal != NULL)
		md_add_text(md, literal, strlen(literal), md_style(md));
}

static void md_reset_cells(struct md *md)
{
	md->cell_count = 0;
	md->bytes.len = 0;
}

static struct text_line *md_new_line(struct md *md)
{
	struct text_line *line = text_doc_add_line(md->doc);
	if (line == NULL)
		md->failed = true;
	return line;
}

static void md_push(struct md *md, struct text_line *line, const char *text,
		    enum text_role role, struct style st)
{
	if (line != NULL && !line_push_span(line, text, strlen(text), role, st.bold, st.italic))
		md->failed = true;
}

static const struct style no_style = { ROLE_PLAIN, 0, 0 };

/* A line with the containers' prefixes; the first one of each container gets
 * its bullet, the others the blank of the same width. */
static struct text_line *md_content_line(struct md *md)
{
	struct text_line *line = md_new_line(md);
	for (size_t i = 0; line != NULL && i < md->shown_count; i++) {
		struct prefix *p = &md->prefixes[i];
		const char *text = p->used ? p->rest : p->first;
		md_push(md, line, text, p->used && !p->quote ? ROLE_PLAIN : p->role, no_style);
		p->used = true;
	}
	return line;
}

/* An empty line between blocks: only the quote bars, without trailing spaces. */
static void md_blank_line(struct md *md)
{
	struct text_line *line = md_new_line(md);
	size_t last_quote = SIZE_MAX;
	for (size_t i = 0; i < md->shown_count; i++)
		if (md->prefixes[i].quote)
			last_quote = i;
	for (size_t i = 0; line != NULL && last_quote != SIZE_MAX && i <= last_quote; i++) {
		struct prefix *p = &md->prefixes[i];
		if (i == last_quote)
			md_push(md, line, md->glyphs->quote_blank, ROLE_QUOTE, no_style);
		else
			md_push(md, line, p->rest, p->quote ? ROLE_QUOTE : ROLE_PLAIN, no_style);
	}
}

static void md_push_prefix(struct md *md, const char *first, enum text_role role, bool quote)
{
	if (md->prefix_count == md->prefix_cap) {
		void *grown = grow_array(md->prefixes, &md->prefix_cap, sizeof *md->prefixes);
		if (grown == NULL) {
			md->failed = true;
			return;
		}
		md->prefixes = grown;
	}
	struct prefix *p = &md->prefixes[md->prefix_count];
	memset(p, 0, sizeof *p);
	snprintf(p->first, sizeof p->first, "%s", first);
	p->width = text_width(first, strlen(first));
	if (quote)
		snprintf(p->rest, sizeof p->rest, "%s", first);
	else
		snprintf(p->rest, sizeof p->rest, "%*s", p->width, "");
	p->role = role;
	p->quote = quote;
	/* Deeper containers stop indenting where less than half the width (and
	 * at most 20 columns) would be left for text, and never leave less than
	 * the widest marker ("<U+10FFFF>"), so that no line is wider than width. */
	int min_text = md->width < 40 ? md->width / 2 : 20;
	int max_prefix = md->width - (min_text < MARKER_MAX - 2 ? MARKER_MAX - 2 : min_text);
	if (md->shown_count == md->prefix_count && md->shown_width + p->width <= max_prefix) {
		md->shown_count++;
		md->shown_width += p->width;
	}
	md->prefix_count++;
}

static void md_pop_prefix(struct md *md)
{
	if (md->prefix_count == 0)
		return;
	if (md->shown_count == md->prefix_count) {
		md->shown_count--;
		md->shown_width -= md->prefixes[md->shown_count].width;
	}
	md->prefix_count--;
}

/* True for an item of a tight list and for a block directly inside one: no
 * blank line follows them. */
static bool in_tight_list(cmark_node *node)
{
	cmark_node *item = cmark_node_get_type(node) == CMARK_NODE_ITEM ? node
									 : cmark_node_parent(node);
	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return false;
	cmark_node *list = cmark_node_parent(item);
	return list != NULL && cmark_node_get_list_tight(list);
}

static void md_begin_block(struct md *md)
{
	if (md->need_blank && md->doc->line_count > 0)
		md_blank_line(md);
	md->need_blank = false;
}

static void md_end_block(struct md *md, cmark_node *node)
{
	md->need_blank = !in_tight_list(node);
}

/* Emits cells [start, end) as one line, one span per run of equal style. */
static void md_emit_range(struct md *md, size_t start, size_t end)
{
	struct text_line *line = md_content_line(md);
	const struct cell *c = md->cells;
	for (size_t i = start; line != NULL && i < end;) {
		size_t j = i + 1;
		while (c[i].kind != CELL_MARKER && j < end && c[j].kind != CELL_MARKER &&
		       c[j].role == c[i].role && c[j].bold == c[i].bold && c[j].italic == c[i].italic)
			j++;
		size_t len = c[j - 1].off + c[j - 1].len - c[i].off;
		enum text_role role = c[i].kind == CELL_MARKER ? ROLE_ESCAPE : (enum text_role)c[i].role;
		if (!line_push_span(line, md->bytes.data + c[i].off, len, role, c[i].bold, c[i].italic))
			md->failed = true;
		i = j;
	}
}

static size_t word_end(const struct cell *c, size_t i, size_t n, int *width)
{
	*width = 0;
	while (i < n && (c[i].kind == CELL_CHAR || c[i].kind == CELL_MARKER))
		*width += c[i++].width;
	return i;
}

/* Places a word at the start of a line, cutting it when it is wider than the
 * line (never inside a character or a marker); returns the first cell left on
 * the open line and sets *col to its width. */
static size_t md_place_word(struct md *md, size_t start, size_t end, int word_width, int avail,
			    int *col)
{
	const struct cell *c = md->cells;
	while (word_width > avail) {
		size_t k = start;
		int used = 0;
		while (k < end && used + c[k].width <= avail)
			used += c[k++].width;
		if (k == start) /* a single cell wider than the line */
			used = c[k++].width;
		md_emit_range(md, start, k);
		word_width -= used;
		start = k;
	}
	*col = word_width;
	return start;
}

/* Greedy word wrap of the gathered cells at the space left by the prefixes. */
static void md_wrap(struct md *md)
{
	const struct cell *c = md->cells;
	size_t n = md->cell_count, i = 0, line_start = 0, line_end = 0;
	int avail = md->width - md->shown_width, col = 0, space = 0;
	bool open = false;

	while (i < n && !md->failed) {
		if (c[i].kind == CELL_BREAK) {
			md_emit_range(md, line_start, open ? line_end : line_start);
			open = false;
			space = 0;
			i++;
		} else if (c[i].kind == CELL_SPACE || c[i].kind == CELL_SOFT_BREAK) {
			space += open ? c[i].width : 0;
			i++;
		} else {
			int w;
			size_t end = word_end(c, i, n, &w);
			if (open && col + space + w <= avail) {
				col += space + w;
			} else {
				if (open)
					md_emit_range(md, line_start, line_end);
				line_start = md_place_word(md, i, end, w, avail, &col);
				open = true;
			}
			line_end = end;
			space = 0;
			i = end;
		}
	}
	if (open)
		md_emit_range(md, line_start, line_end);
}

static void md_flush_inline(struct md *md, cmark_node *node)
{
	md_begin_block(md);
	md_wrap(md);
	md_reset_cells(md);
	md_end_block(md, node);
}

/* ---- node handlers ---- */

static void enter_paragraph(struct md *md, cmark_node *node)
{
	md_reset_cells(md);
}

static bool is_pipe(const struct md *md, size_t i)
{
	const struct cell *c = &md->cells[i];
	return c->kind == CELL_CHAR && c->len == 1 && md->bytes.data[c->off] == '|';
}

/* A paragraph whose every line starts and ends with '|' is a table (GitHub's
 * syntax, which CommonMark reads as text): its rows keep their own lines. */
static void md_keep_table_rows(struct md *md)
{
	size_t n = md->cell_count;
	if (n == 0 || !is_pipe(md, 0) || !is_pipe(md, n - 1))
		return;
	for (size_t i = 1; i + 1 < n; i++)
		if (md->cells[i].kind == CELL_SOFT_BREAK && (!is_pipe(md, i - 1) || !is_pipe(md, i + 1)))
			return;
	for (size_t i = 1; i + 1 < n; i++)
		if (md->cells[i].kind == CELL_SOFT_BREAK)
			md->cells[i].kind = CELL_BREAK;
}

static void exit_paragraph(struct md *md, cmark_node *node)
{
	md_keep_table_rows(md);
	md_flush_inline(md, node);
}

static void enter_heading(struct md *md, cmark_node *node)
{
	md_reset_cells(md);
	md->heading++;
}

static void exit_heading(struct md *md, cmark_node *node)
{
	md->heading--;
	md_flush_inline(md, node);
}

static void enter_quote(struct md *md, cmark_node *node)
{
	md_begin_block(md); /* the separating blank line lies outside the quote */
	md_push_prefix(md, md->glyphs->quote, ROLE_QUOTE, true);
}

static void exit_container(struct md *md, cmark_node *node)
{
	md_pop_prefix(md);
	md_end_block(md, node);
}

static void enter_list(struct md *md, cmark_node *node)
{
	if (md->counter_count == md->counter_cap) {
		void *grown = grow_array(md->counters, &md->counter_cap, sizeof *md->counters);
		if (grown == NULL) {
			md->failed = true;
			return;
		}
		md->counters = grown;
	}
	md->counters[md->counter_count++] = cmark_node_get_list_start(node);
}

static void exit_list(struct md *md, cmark_node *node)
{
	if (md->counter_count > 0)
		md->counter_count--;
	md_end_block(md, node);
}

static void enter_item(struct md *md, cmark_node *node)
{
	cmark_node *list = cmark_node_parent(node);
	char marker[24];
	if (list != NULL && cmark_node_get_list_type(list) == CMARK_ORDERED_LIST &&
	    md->counter_count > 0) {
		int number = md->counters[md->counter_count - 1];
		if (number < INT_MAX)
			md->counters[md->counter_count - 1]++;
		char delim = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.';
		snprintf(marker, sizeof marker, "%d%c ", number, delim);
	} else {
		snprintf(marker, sizeof marker, "%s", md->glyphs->bullet);
	}
	md_begin_block(md);
	md_push_prefix(md, marker, ROLE_BULLET, false);
}

static void exit_item(struct md *md, cmark_node *node)
{
	/* An empty item still shows its bullet. */
	if (md->prefix_count > 0 && md->prefix_count == md->shown_count &&
	    !md->prefixes[md->prefix_count - 1].used) {
		md_begin_block(md);
		md_content_line(md);
	}
	exit_container(md, node);
}

/* One line of a code block: indented, tabs expanded from the code's own
 * column 0, never wrapped. An empty one is a blank line (no trailing spaces)
 * once the containers' bullets have been shown. */
static void md_code_line(struct md *md, const char *text, size_t length)
{
	if (length == 0 && (md->shown_count == 0 || md->prefixes[md->shown_count - 1].used)) {
		md_blank_line(md);
		return;
	}
	struct text_line *line = md_content_line(md);
	int col = 0;
	if (line == NULL || length == 0)
		return;
	md_push(md, line, "    ", ROLE_PLAIN, no_style);
	if (!text_line_append_styled(line, text, length, ROLE_CODE, 0, 0, md->options, &col))
		md->failed = true;
}

static void enter_code_block(struct md *md, cmark_node *node)
{
	const char *literal = cmark_node_get_literal(node);
	size_t length = literal ? strlen(literal) : 0;

	md_begin_block(md);
	for (size_t pos = 0; pos < length && !md->failed;) {
		const char *nl = memchr(literal + pos, '\n', length - pos);
		size_t end = nl ? (size_t)(nl - literal) : length;
		md_code_line(md, literal + pos, end - pos);
		pos = end + 1;
	}
	md_end_block(md, node);
}

static void enter_html_block(struct md *md, cmark_node *node)
{
	const char *literal = cmark_node_get_literal(node);
	size_t length = literal ? strlen(literal) : 0;

	while (length > 0 && literal[length - 1] == '\n')
		length--;
	md_reset_cells(md);
	for (size_t pos = 0; pos < length;) {
		const char *nl = memchr(literal + pos, '\n', length - pos);
		size_t end = nl ? (size_t)(nl - literal) : length;
		md_add_text(md, literal + pos, end - pos, no_style);
		if (nl != NULL)
			md_add_cell(md, "", 0, 0, CELL_BREAK, no_style);
		pos = end + 1;
	}
	md_flush_inline(md, node);
}

static void enter_thematic_break(struct md *md, cmark_node *node)
{
	md_begin_block(md);
	struct text_line *line = md_content_line(md);
	struct buf rule = { 0 };
	for (int i = md->shown_width; i < md->width; i++)
		buf_put(&rule, md->glyphs->rule, strlen(md->glyphs->rule));
	if (line != NULL && !push_run(line, &rule, ROLE_QUOTE, 0, 0))
		md->failed = true;
	free(rule.data);
	md_end_block(md, node);
}

static void enter_text(struct md *md, cmark_node *node)
{
	md_add_literal(md, node);
}

static void enter_code(struct md *md, cmark_node *node)
{
	md->code++;
	md_add_literal(md, node);
	md->code--;
}

static void enter_softbreak(struct md *md, cmark_node *node)
{
	md_add_cell(md, " ", 1, 1, CELL_SOFT_BREAK, md_style(md));
}

static void enter_linebreak(struct md *md, cmark_node *node)
{
	md_add_cell(md, "", 0, 0, CELL_BREAK, md_style(md));
}

static void enter_emph(struct md *md, cmark_node *node)
{
	md->emph++;
}

static void exit_emph(struct md *md, cmark_node *node)
{
	md->emph--;
}

static void enter_strong(struct md *md, cmark_node *node)
{
	md->strong++;
}

static void exit_strong(struct md *md, cmark_node *node)
{
	md->strong--;
}

static void enter_link(struct md *md, cmark_node *node)
{
	/* Where the link text starts, to compare it with the URL on exit. */
	cmark_node_set_user_data(node, (void *)(uintptr_t)md->cell_count);
	md->link++;
}

/* True when the link's text already shows its URL (autolinks). */
static bool link_text_is_url(const struct md *md, size_t start, const char *url)
{
	size_t off = start < md->cell_count ? md->cells[start].off : md->bytes.len;
	const char *text = md->bytes.data ? md->bytes.data + off : "";
	size_t len = md->bytes.len - off;
	if (strlen(url) == len && memcmp(text, url, len) == 0)
		return true;
	return strncmp(url, "mailto:", 7) == 0 && strlen(url + 7) == len &&
	       memcmp(text, url + 7, len) == 0;
}

static void exit_link(struct md *md, cmark_node *node)
{
	size_t start = (size_t)(uintptr_t)cmark_node_get_user_data(node);
	const char *url = cmark_node_get_url(node);

	if (cmark_node_get_type(node) == CMARK_NODE_IMAGE && start == md->cell_count)
		md_add_text(md, "image", 5, md_style(md));
	md->link--;
	if (url == NULL || *url == '\0' || link_text_is_url(md, start, url))
		return;
	struct style url_style = md_style(md);
	url_style.role = ROLE_URL;
	md_add_cell(md, " ", 1, 1, CELL_SPACE, md_style(md));
	md_add_text(md, "<", 1, url_style);
	md_add_text(md, url, strlen(url), url_style);
	md_add_text(md, ">", 1, url_style);
}

typedef void md_handler(struct md *md, cmark_node *node);

struct md_node_ops {
	md_handler *enter, *exit;
};

static const struct md_node_ops md_ops[CMARK_NODE_LAST_INLINE + 1] = {
	[CMARK_NODE_BLOCK_QUOTE] = { enter_quote, exit_container },
	[CMARK_NODE_LIST] = { enter_list, exit_list },
	[CMARK_NODE_ITEM] = { enter_item, exit_item },
	[CMARK_NODE_CODE_BLOCK] = { enter_code_block, NULL },
	[CMARK_NODE_HTML_BLOCK] = { enter_html_block, NULL },
	[CMARK_NODE_PARAGRAPH] = { enter_paragraph, exit_paragraph },
	[CMARK_NODE_HEADING] = { enter_heading, exit_heading },
	[CMARK_NODE_THEMATIC_BREAK] = { enter_thematic_break, NULL },
	[CMARK_NODE_TEXT] = { enter_text, NULL },
	[CMARK_NODE_SOFTBREAK] = { enter_softbreak, NULL },
	[CMARK_NODE_LINEBREAK] = { enter_linebreak, NULL },
	[CMARK_NODE_CODE] = { enter_code, NULL },
	[CMARK_NODE_HTML_INLINE] = { enter_text, NULL }, /* shown as text, never interpreted */
	[CMARK_NODE_EMPH] = { enter_emph, exit_emph },
	[CMARK_NODE_STRONG] = { enter_strong, exit_strong },
	[CMARK_NODE_LINK] = { enter_link, exit_link },
	[CMARK_NODE_IMAGE] = { enter_link, exit_link },
};

static void md_walk(struct md *md, cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type event;

	if (iter == NULL) {
		md->failed = true;
		return;
	}
	while (!md->failed && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		int type = cmark_node_get_type(node);
		if (type <= CMARK_NODE_NONE || type > CMARK_NODE_LAST_INLINE)
			continue;
		md_handler *handler = event == CMARK_EVENT_EXIT ? md_ops[type].exit : md_ops[type].enter;
		if (handler != NULL)
			handler(md, node);
	}
	cmark_iter_free(iter);
}

static void drop_trailing_empty_lines(struct text_doc *doc)
{
	while (doc->line_count > 0 && doc->lines[doc->line_count - 1].span_count == 0)
		line_clear(&doc->lines[--doc->line_count]);
}

/* ---- bounding container nesting ---- */

/* cmark 0.30.2 takes time quadratic in container depth (a line of nested list
 * or quote markers followed by blank lines: 8 KiB took 0.1 to 0.4 s here). Past
 * this many markers on one line the rest are escaped and read as text. */
enum { MAX_MARKERS_PER_LINE = 16 };

/* Length of the block-container marker at p (a quote '>', a bullet, or an
 * ordered number and its delimiter), 0 when there is none. */
static size_t marker_length(const char *s, size_t len, size_t p)
{
	size_t q = p;
	if (s[p] == '>')
		return 1;
	if (s[p] == '-' || s[p] == '*' || s[p] == '+') {
		q++;
	} else {
		while (q < len && q - p < 9 && s[q] >= '0' && s[q] <= '9')
			q++;
		if (q == p || q >= len || (s[q] != '.' && s[q] != ')'))
			return 0;
		q++;
	}
	if (q < len && s[q] != ' ' && s[q] != '\t' && s[q] != '\n' && s[q] != '\r')
		return 0;
	return q - p;
}

/* Scans the container markers that open the line at p; with out, copies the
 * line escaping the markers past the limit. Returns the start of the next line
 * and sets *deep when the line has too many. */
static size_t scan_markers(const char *s, size_t len, size_t p, struct buf *out, bool *deep)
{
	size_t start = p, count = 0, n;
	for (;;) {
		while (p < len && (s[p] == ' ' || s[p] == '\t'))
			p++;
		if (p >= len || (n = marker_length(s, len, p)) == 0)
			break;
		if (++count > MAX_MARKERS_PER_LINE) {
			*deep = true;
			if (out != NULL) {
				buf_put(out, s + start, p + n - 1 - start);
				buf_put(out, "\\", 1);
				start = p + n - 1;
			}
		}
		p += n;
	}
	const char *nl = memchr(s + p, '\n', len - p);
	p = nl ? (size_t)(nl - s) + 1 : len;
	if (out != NULL)
		buf_put(out, s + start, p - start);
	return p;
}

/* Returns markdown with over-deep container markers escaped, in *copy when a
 * copy was needed (caller frees), NULL when out of memory. */
static const char *bound_nesting(const char *markdown, size_t *length, char **copy)
{
	bool deep = false;
	*copy = NULL;
	for (size_t p = 0; p < *length && !deep;)
		p = scan_markers(markdown, *length, p, NULL, &deep);
	if (!deep)
		return markdown;
	struct buf out = { 0 };
	for (size_t p = 0; p < *length;)
		p = scan_markers(markdown, *length, p, &out, &deep);
	*copy = buf_finish(&out);
	*length = *copy ? out.len : 0;
	return *copy;
}

struct text_doc *text_render_markdown(const char *markdown, size_t length, int width,
				      const struct text_options *options)
{
	struct md md = { 0 };
	md.options = options_or_default(options);
	md.glyphs = md.options->ascii_only ? &ascii_glyphs : &unicode_glyphs;
	md.width = width < MIN_WIDTH ? MIN_WIDTH : width > MAX_WIDTH ? MAX_WIDTH : width;
	md.doc = text_doc_new();
	if (md.doc == NULL)
		return NULL;

	char *copy;
	if (markdown == NULL)
		length = 0;
	const char *bounded = bound_nesting(markdown ? markdown : "", &length, &copy);
	/* A paragraph's cells rarely outnumber the source's bytes: one allocation
	 * each for cells and bytes instead of a chain of doublings (they still
	 * grow when a link's URL is added). */
	md.cell_cap = (length < 8192 ? length : 8192) + 16;
	md.cells = malloc(md.cell_cap * sizeof(*md.cells));
	if (md.cells == NULL)
		md.cell_cap = 0;
	buf_reserve(&md.bytes, md.cell_cap);
	cmark_node *root = bounded ? cmark_parse_document(bounded, length, CMARK_OPT_DEFAULT) : NULL;
	free(copy);
	if (root == NULL)
		md.failed = true;
	else
		md_walk(&md, root);
	if (root != NULL)
		cmark_node_free(root);
	free(md.prefixes);
	free(md.counters);
	free(md.cells);
	free(md.bytes.data);
	if (md.failed || md.bytes.failed) {
		text_doc_free(md.doc);
		return NULL;
	}
	drop_trailing_empty_lines(md.doc);
	return md.doc;
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
