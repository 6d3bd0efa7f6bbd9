/* Styled lines for the screens, built only through text.h so that every
 * character shown was sanitized there: appending, copying, indenting and
 * word-wrapping lines by display columns. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lines.h" /* relative, so tests/unit/test_tui_lines.c can compile this file */
#include "review/markdown.h"

bool tui_append(struct text_line *line, const char *text, enum text_role role, bool bold,
		const struct text_options *options)
{
	return text_line_append_styled(line, text, strlen(text), role, bold, 0, options, NULL);
}

static bool append_span(struct text_line *dst, const struct text_span *span, size_t offset,
			size_t length)
{
	static const struct text_options verbatim = { false, 0 };

	/* The text was sanitized when the span was made; sanitizing is idempotent. */
	return text_line_append_styled(dst, span->text + offset, length, span->role, span->bold,
				       span->italic, &verbatim, NULL);
}

bool tui_copy_spans(struct text_line *dst, const struct text_line *src)
{
	for (size_t i = 0; i < src->span_count; i++)
		if (!append_span(dst, &src->spans[i], 0, strlen(src->spans[i].text)))
			return false;
	return true;
}

/* One character of a line being wrapped. */
struct cell {
	size_t span;
	size_t offset;
	int length;
	int width;
	bool space;
};

static struct cell *line_cells(const struct text_line *line, size_t *count)
{
	size_t capacity = 0;
	struct cell *cells = NULL;

	*count = 0;
	for (size_t s = 0; s < line->span_count; s++) {
		const char *text = line->spans[s].text;
		size_t length = strlen(text);
		for (size_t at = 0; at < length;) {
			if (*count == capacity) {
				capacity = capacity ? capacity * 2 : 64;
				struct cell *grown = realloc(cells, capacity * sizeof(*cells));
				if (!grown) {
					free(cells);
					return NULL;
				}
				cells = grown;
			}
			mbstate_t state;
			wchar_t wc;
			memset(&state, 0, sizeof(state));
			size_t used = mbrtowc(&wc, text + at, length - at, &state);
			if (used == (size_t)-1 || used == (size_t)-2 || used == 0)
				used = 1;
			int width = text_width(text + at, used);
			cells[(*count)++] = (struct cell){ s, at, (int)used, width, text[at] == ' ' };
			at += used;
		}
	}
	return cells;
}

/* Appends cells [from, to) as one new line of out, after `indent` spaces. */
static bool emit(struct text_doc *out, const struct text_line *line, const struct cell *cells,
		 size_t from, size_t to, int indent)
{
	struct text_line *dst = text_doc_add_line(out);
	char spaces[64];

	if (!dst)
		return false;
	if (indent > 0) {
		memset(spaces, ' ', sizeof(spaces));
		spaces[indent < 63 ? indent : 63] = '\0';
		if (!tui_append(dst, spaces, ROLE_PLAIN, false, &(struct text_options){ false, 0 }))
			return false;
	}
	while (from < to) {
		size_t end = from;
		while (end < to && cells[end].span == cells[from].span)
			end++;
		size_t length = cells[end - 1].offset + (size_t)cells[end - 1].length - cells[from].offset;
		if (!append_span(dst, &line->spans[cells[from].span], cells[from].offset, length))
			return false;
		from = end;
	}
	return true;
}

bool tui_wrap_line(struct text_doc *out, const struct text_line *line, int width, int indent)
{
	size_t count;
	struct cell *cells = line_cells(line, &count);
	bool ok = cells || count == 0;
	size_t start = 0;
	int lead = 0;

	if (indent > width / 2)
		indent = width / 2;
	while (ok && start < count) {
		int column = lead;
		size_t at = start, brk = 0;
		while (at < count && column + cells[at].width <= width) {
			column += cells[at].width;
			if (cells[at].space && at > start)
				brk = at;
			at++;
		}
		/* Break at the last space, unless the line ends just before one. */
		size_t end = at < count && !cells[at].space && brk > start ? brk : at;
		if (end == start)
			end = start + 1; /* a character wider than the line */
		ok = emit(out, line, cells, start, end, lead);
		start = end;
		while (start < count && cells[start].space)
			start++;
		lead = indent;
	}
	if (ok && count == 0)
		ok = text_doc_add_line(out) != NULL;
	free(cells);
	return ok;
}

bool tui_append_markdown(struct text_doc *out, const char *markdown, int width, int indent,
			 const struct text_line *first, const struct text_options *options)
{
	/* The text hangs after `first`: rendered at width - indent, its first line
	 * would run past width, its last words cut off, were `first` any wider. */
	if (first && text_line_width(first) > indent)
		indent = text_line_width(first);
	int inner = width - indent < 10 ? 10 : width - indent;
	struct text_doc *doc = markdown_render(markdown, strlen(markdown), inner, options);
	char spaces[64];
	bool ok = doc != NULL;

	memset(spaces, ' ', sizeof(spaces));
	spaces[indent < 63 ? indent : 63] = '\0';
	for (size_t i = 0; ok && doc && i < doc->line_count; i++) {
		struct text_line *line = text_doc_add_line(out);
		if (line && i == 0 && first)
			ok = tui_copy_spans(line, first);
		else
			ok = line && (indent == 0 || tui_append(line, spaces, ROLE_PLAIN, false, options));
		ok = ok && tui_copy_spans(line, &doc->lines[i]);
	}
	if (ok && doc->line_count == 0 && first) {
		struct text_line *line = text_doc_add_line(out);
		ok = line && tui_copy_spans(line, first);
	}
	text_doc_free(doc);
	return ok;
}

bool tui_append_wrapped(struct text_doc *out, const char *text, enum text_role role, int width,
			int indent, const struct text_options *options)
{
	struct text_doc *scratch = text_doc_new();
	struct text_line *line = scratch ? text_doc_add_line(scratch) : NULL;
	bool ok = line && tui_append(line, text, role, false, options) &&
		  tui_wrap_line(out, line, width, indent);

	text_doc_free(scratch);
	return ok;
}
