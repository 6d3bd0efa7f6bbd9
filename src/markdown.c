/* Markdown rendered into styled lines: cmark parses (it never renders HTML
 * here), and every piece of text goes through the text module's unit decoder,
 * so nothing from a file reaches a span unsanitized; wrapping, prefixes of
 * nested containers and tables are laid out here. */
#include "review/markdown.h"

#include <cmark.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_private.h"

/* ---- Markdown ----------------------------------------------------------- */

/* Inline content is gathered as cells (one character, space, marker or hard
 * break each) so that wrapping can measure and cut without re-decoding. */
enum cell_kind { CELL_CHAR, CELL_SPACE, CELL_SOFT_BREAK, CELL_MARKER, CELL_BREAK };

struct cell {
	uint32_t off; /* into md.bytes; a paragraph past 4 GiB fails */
	unsigned char len, width, kind;
	unsigned char style; /* role | bold << 5 | italic << 6: a run compares one byte */
};

/* A paragraph's cells and bytes start on the stack (18 KB): most paragraphs
 * fit, and the heap blocks they would need are large enough to make glibc's
 * malloc consolidate its free lists on every render. */
enum { INLINE_CELLS = 2048, INLINE_BYTES = 2048 };

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
	struct cell *cells; /* on the stack until a paragraph outgrows them */
	size_t cell_count, cell_cap;
	char *bytes;        /* on the stack until a paragraph outgrows them */
	size_t byte_count, byte_cap;
	bool cells_on_heap, bytes_on_heap;
	int emph, strong, heading, code, link;
};

struct style {
	unsigned char role, bold, italic;
};

enum { STYLE_ROLE_MASK = 31, STYLE_BOLD = 32, STYLE_ITALIC = 64 };
_Static_assert(ROLE_COUNT <= STYLE_ROLE_MASK + 1, "a role fits a cell's style bits");

static unsigned char pack_style(struct style st)
{
	return (unsigned char)(st.role | (st.bold ? STYLE_BOLD : 0) | (st.italic ? STYLE_ITALIC : 0));
}

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

/* Moves a block that may still be on the stack to a heap block of cap items. */
static void *md_grow_block(void *items, bool *on_heap, size_t count, size_t cap, size_t size)
{
	if (*on_heap)
		return realloc(items, cap * size);
	void *block = malloc(cap * size);
	if (block != NULL) {
		memcpy(block, items, count * size);
		*on_heap = true;
	}
	return block;
}

/* Room for `cells` more cells and `bytes` more bytes; false (and md->failed)
 * when out of memory or when a paragraph's bytes pass what a cell can address. */
static bool md_reserve(struct md *md, size_t cells, size_t bytes)
{
	if (md->cell_count + cells > md->cell_cap) {
		size_t cap = md->cell_cap;
		while (cap < md->cell_count + cells && cap <= SIZE_MAX / 2 / sizeof *md->cells)
			cap *= 2;
		void *grown = cap >= md->cell_count + cells
				      ? md_grow_block(md->cells, &md->cells_on_heap, md->cell_count, cap,
						      sizeof *md->cells)
				      : NULL;
		if (grown == NULL)
			return !(md->failed = true);
		md->cells = grown;
		md->cell_cap = cap;
	}
	if (md->byte_count + bytes > md->byte_cap) {
		size_t cap = md->byte_cap;
		while (cap < md->byte_count + bytes && cap <= UINT32_MAX)
			cap *= 2;
		void *grown = cap >= md->byte_count + bytes && md->byte_count + bytes <= UINT32_MAX
				      ? md_grow_block(md->bytes, &md->bytes_on_heap, md->byte_count, cap, 1)
				      : NULL;
		if (grown == NULL)
			return !(md->failed = true);
		md->bytes = grown;
		md->byte_cap = cap;
	}
	return true;
}

static void md_add_cell(struct md *md, const char *text, size_t len, int width,
			enum cell_kind kind, struct style st)
{
	if (!md_reserve(md, 1, len))
		return;
	md->cells[md->cell_count++] = (struct cell){ (uint32_t)md->byte_count, (unsigned char)len,
						     (unsigned char)width, (unsigned char)kind,
						     pack_style(st) };
	memcpy(md->bytes + md->byte_count, text, len);
	md->byte_count += len;
}

/* A run of printable ASCII: one cell a byte (a space or a character), one
 * column each, written as it is scanned (room for the rest of the text is
 * reserved first). Returns the end of the run. */
static size_t md_add_ascii_run(struct md *md, const char *text, size_t pos, size_t length,
			       struct style st)
{
	if (!md_reserve(md, length - pos, length - pos))
		return length;
	struct cell *cell = md->cells + md->cell_count;
	char *out = md->bytes + md->byte_count;
	uint32_t off = (uint32_t)md->byte_count;
	unsigned char style = pack_style(st);
	size_t end = pos;
	for (; end < length; end++) {
		unsigned char c = (unsigned char)text[end];
		if (c < 0x20 || c >= 0x7F)
			break;
		*cell++ = (struct cell){ off++, 1, 1, c == ' ' ? CELL_SPACE : CELL_CHAR, style };
		*out++ = (char)c;
	}
	md->cell_count += end - pos;
	md->byte_count += end - pos;
	return end;
}

static void md_add_text(struct md *md, const char *text, size_t length, struct style st)
{
	for (size_t pos = 0; text != NULL && pos < length && !md->failed;) {
		unsigned char c = (unsigned char)text[pos];
		if (c >= 0x20 && c < 0x7F) {
			pos = md_add_ascii_run(md, text, pos, length, st);
			continue;
		}
		struct text_unit u;
		text_unit_next(text, length, pos, md->options->ascii_only, &u);
		pos += u.consumed;
		if (u.marker)
			md_add_cell(md, u.text, u.text_len, (int)u.text_len, CELL_MARKER, st);
		else if (u.cp == ' ' || u.cp == '\t' || u.cp == '\n')
			md_add_cell(md, " ", 1, 1, CELL_SPACE, st);
		else
			md_add_cell(md, u.text, u.text_len, text_cp_width(u.cp), CELL_CHAR, st);
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
	md->byte_count = 0;
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
	if (line != NULL && !text_line_push_span(line, text, strlen(text), role, st.bold, st.italic))
		md->failed = true;
}

static const struct style no_style = { ROLE_PLAIN, 0, 0 };

/* A line with the containers' prefixes; the first one of each container gets
 * its bullet, the others the blank of the same width. */
static struct text_line *md_content_line(struct md *md, size_t text_bytes)
{
	struct text_line *line = md_new_line(md);
	/* One block for the prefixes and the text; a few NULs for their spans. */
	if (line != NULL && !text_line_reserve(line, md->shown_count * 24 + text_bytes + 8, 0))
		md->failed = true;
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
		void *grown = text_grow_array(md->prefixes, &md->prefix_cap, sizeof *md->prefixes);
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
	const struct cell *c = md->cells;
	size_t bytes = start < end ? c[end - 1].off + c[end - 1].len - c[start].off : 0;
	struct text_line *line = md_content_line(md, bytes);
	for (size_t i = start; line != NULL && i < end;) {
		size_t j = i + 1;
		while (c[i].kind != CELL_MARKER && j < end && c[j].kind != CELL_MARKER &&
		       c[j].style == c[i].style)
			j++;
		size_t len = c[j - 1].off + c[j - 1].len - c[i].off;
		enum text_role role = c[i].kind == CELL_MARKER ? ROLE_ESCAPE
							       : (enum text_role)(c[i].style & STYLE_ROLE_MASK);
		if (!text_line_push_span(line, md->bytes + c[i].off, len, role,
					 (c[i].style & STYLE_BOLD) != 0, (c[i].style & STYLE_ITALIC) != 0))
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
	return c->kind == CELL_CHAR && c->len == 1 && md->bytes[c->off] == '|';
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
		void *grown = text_grow_array(md->counters, &md->counter_cap, sizeof *md->counters);
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
		md_content_line(md, 0);
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
	struct text_line *line = md_content_line(md, length + 4);
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
	struct text_line *line = md_content_line(md, 0);
	struct text_buf rule = { 0 };
	for (int i = md->shown_width; i < md->width; i++)
		text_buf_put(&rule, md->glyphs->rule, strlen(md->glyphs->rule));
	if (line != NULL && !text_push_run(line, &rule, ROLE_QUOTE, 0, 0))
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
	size_t off = start < md->cell_count ? md->cells[start].off : md->byte_count;
	const char *text = md->bytes + off;
	size_t len = md->byte_count - off;
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
		text_line_clear(&doc->lines[--doc->line_count]);
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
static size_t scan_markers(const char *s, size_t len, size_t p, struct text_buf *out, bool *deep)
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
				text_buf_put(out, s + start, p + n - 1 - start);
				text_buf_put(out, "\\", 1);
				start = p + n - 1;
			}
		}
		p += n;
	}
	const char *nl = memchr(s + p, '\n', len - p);
	p = nl ? (size_t)(nl - s) + 1 : len;
	if (out != NULL)
		text_buf_put(out, s + start, p - start);
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
	struct text_buf out = { 0 };
	for (size_t p = 0; p < *length;)
		p = scan_markers(markdown, *length, p, &out, &deep);
	*copy = text_buf_finish(&out);
	*length = *copy ? out.len : 0;
	return *copy;
}

struct text_doc *markdown_render(const char *markdown, size_t length, int width,
				      const struct text_options *options)
{
	struct cell inline_cells[INLINE_CELLS];
	char inline_bytes[INLINE_BYTES];
	struct md md = { .cells = inline_cells, .cell_cap = INLINE_CELLS,
			 .bytes = inline_bytes, .byte_cap = INLINE_BYTES };
	md.options = text_options_or_default(options);
	md.glyphs = md.options->ascii_only ? &ascii_glyphs : &unicode_glyphs;
	md.width = width < MIN_WIDTH ? MIN_WIDTH : width > MAX_WIDTH ? MAX_WIDTH : width;
	md.doc = text_doc_new();
	if (md.doc == NULL)
		return NULL;

	char *copy;
	if (markdown == NULL)
		length = 0;
	const char *bounded = bound_nesting(markdown ? markdown : "", &length, &copy);
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
	if (md.cells_on_heap)
		free(md.cells);
	if (md.bytes_on_heap)
		free(md.bytes);
	if (md.failed) {
		text_doc_free(md.doc);
		return NULL;
	}
	drop_trailing_empty_lines(md.doc);
	return md.doc;
}
