/* libyaml's syntax errors in an exercise author's terms. Each explainer looks at
 * the text around libyaml's position and either recognizes a common mistake
 * (an unquoted backtick, a tab, ': ' in a value, a dedented line of a block
 * scalar...) or declines, leaving libyaml's own words. */
#include "review/yamlerror.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Line starts are indexed once: explainers look at lines by number, and a
 * front matter may have 100,000 of them. */
struct text {
	const char *data;
	size_t length;
	size_t line_count;
	size_t *starts; /* line_count + 1 entries; the last is length + 1 */
};

struct line {
	const char *start;
	size_t length; /* without the line end */
	size_t indent; /* leading spaces */
	bool blank;    /* only spaces and tabs */
};

static bool index_lines(struct text *text)
{
	text->line_count = 1;
	for (size_t i = 0; i < text->length; i++)
		text->line_count += text->data[i] == '\n';
	text->starts = malloc((text->line_count + 1) * sizeof(*text->starts));
	if (!text->starts)
		return false;
	size_t line = 0;
	text->starts[line++] = 0;
	for (size_t i = 0; i < text->length; i++)
		if (text->data[i] == '\n')
			text->starts[line++] = i + 1;
	text->starts[line] = text->length + 1;
	return true;
}

static bool line_at(const struct text *text, size_t index, struct line *out)
{
	if (index >= text->line_count)
		return false;
	const char *at = text->data + text->starts[index];
	out->start = at;
	out->length = text->starts[index + 1] - 1 - text->starts[index];
	if (out->length > 0 && at[out->length - 1] == '\r')
		out->length--;
	out->indent = strspn(at, " ");
	if (out->indent > out->length)
		out->indent = out->length;
	out->blank = true;
	for (size_t i = 0; i < out->length; i++)
		if (at[i] != ' ' && at[i] != '\t')
			out->blank = false;
	return true;
}

/* libyaml counts columns in characters; lines are bytes of UTF-8. */
static size_t byte_of_column(const struct line *line, size_t column)
{
	size_t byte = 0;
	for (size_t c = 0; c < column && byte < line->length; c++)
		do
			byte++;
		while (byte < line->length && ((unsigned char)line->start[byte] & 0xC0) == 0x80);
	return byte;
}

static size_t column_of_byte(const struct line *line, size_t byte)
{
	size_t column = 0;
	for (size_t i = 0; i < byte && i < line->length; i++)
		column += ((unsigned char)line->start[i] & 0xC0) != 0x80;
	return column;
}

/* Where a mapping key starts: after the indentation and any "- " item markers. */
static size_t content_start(const struct line *line)
{
	size_t at = line->indent;
	while (at + 1 < line->length && line->start[at] == '-' && line->start[at + 1] == ' ')
		at += 1 + strspn(line->start + at + 1, " ");
	return at;
}

/* The byte of the first ": " (or a ':' ending the line) after `from`, or SIZE_MAX-like length. */
static size_t key_colon(const struct line *line, size_t from)
{
	for (size_t i = from; i < line->length; i++) {
		if (line->start[i] == '#' && i > 0 && line->start[i - 1] == ' ')
			break;
		if (line->start[i] == ':' && (i + 1 == line->length || line->start[i + 1] == ' ' ||
					      line->start[i + 1] == '\t'))
			return i;
	}
	return line->length;
}

static bool is_comment(const struct line *line)
{
	return line->indent < line->length && line->start[line->indent] == '#';
}

/* A line a block mapping or sequence may hold: `key:`, `- item` or a comment. */
static bool is_structure(const struct line *line)
{
	size_t start = content_start(line);
	return is_comment(line) || start > line->indent || key_colon(line, start) < line->length;
}

static void say(char *message, size_t size, const char *format, ...) __attribute__((format(printf, 3, 4)));

static void say(char *message, size_t size, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vsnprintf(message, size, format, args);
	va_end(args);
}

/* Up to 30 bytes of text for a message, cut at a character boundary. */
static int shown_length(const char *text, size_t length)
{
	if (length <= 30)
		return (int)length;
	size_t cut = 27;
	while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	return (int)cut;
}

static const char *ellipsis(size_t length)
{
	return length > 30 ? "..." : "";
}

/* ---- Block scalars: a line dedented below the block ends it early ---- */

struct block {
	size_t key_line, key_column; /* the `key: |` line and its key's column */
	size_t indent;               /* of the block's first line */
	char header[40];             /* "code: |" as written */
};

/* `key: |` or `key: >-` (no explicit indentation digit) opening a block scalar. */
static bool opens_block(const struct line *line, struct block *block)
{
	size_t start = content_start(line);
	size_t colon = key_colon(line, start);
	if (colon >= line->length || is_comment(line))
		return false;
	size_t at = colon + 1 + strspn(line->start + colon + 1, " ");
	if (at >= line->length || (line->start[at] != '|' && line->start[at] != '>'))
		return false;
	size_t end = at + 1 + strspn(line->start + at + 1, "+-");
	if (end < line->length && line->start[end] != ' ' && line->start[end] != '#')
		return false;
	block->key_column = start;
	snprintf(block->header, sizeof(block->header), "%.*s: %.*s", (int)(colon - start < 24 ? colon - start : 24),
		 line->start + start, (int)(end - at), line->start + at);
	return true;
}

/* The first line that ends the block by being less indented than its first
 * line, when that line is not one the enclosing mapping could hold. */
static bool find_dedent(const struct text *text, struct block *block, size_t until, size_t *culprit)
{
	struct line line;
	size_t index = block->key_line + 1;
	while (index <= until && line_at(text, index, &line) && line.blank)
		index++;
	if (index > until || !line_at(text, index, &line) || line.indent <= block->key_column)
		return false;
	block->indent = line.indent;
	for (index++; index <= until && line_at(text, index, &line); index++) {
		if (line.blank || line.indent >= block->indent)
			continue;
		if (line.indent > block->key_column || !is_structure(&line)) {
			*culprit = index;
			return true;
		}
		return false;
	}
	return false;
}

static bool explain_dedent(const struct text *text, const struct yamlerror_report *report, char *message,
			   size_t size, struct yamlerror_position *at)
{
	struct line line;
	for (size_t index = 0; index < report->problem_at.line && line_at(text, index, &line); index++) {
		struct block block = { .key_line = index };
		size_t culprit;
		if (!opens_block(&line, &block) || !find_dedent(text, &block, report->problem_at.line, &culprit))
			continue;
		line_at(text, culprit, &line);
		*at = (struct yamlerror_position){ culprit, line.indent };
		if (line.indent < line.length && line.start[line.indent] == '\t') {
			say(message, size, "tabs are not allowed for indentation in YAML; use spaces");
			return true;
		}
		say(message, size,
		    "a line of `%s` must be indented at least as much as its first line (%zu spaces); "
		    "this one has %zu, which ends the block",
		    block.header, block.indent, line.indent);
		return true;
	}
	return false;
}

/* ---- Single-line mistakes ---- */

static bool explain_tab(const struct text *text, const struct yamlerror_report *report, char *message,
			size_t size, struct yamlerror_position *at)
{
	struct line line;
	if (!line_at(text, report->problem_at.line, &line))
		return false;
	size_t whitespace = strspn(line.start, " \t");
	const char *tab = memchr(line.start, '\t', whitespace < line.length ? whitespace : line.length);
	size_t byte = byte_of_column(&line, report->problem_at.column);
	if (!tab && !(byte < line.length && line.start[byte] == '\t' && strstr(report->problem, "tab")))
		return false;
	say(message, size, "tabs are not allowed for indentation in YAML; use spaces");
	*at = (struct yamlerror_position){ report->problem_at.line,
					   tab ? column_of_byte(&line, (size_t)(tab - line.start))
					       : report->problem_at.column };
	return true;
}

static bool explain_reserved_start(const struct line *line, size_t byte, char *message, size_t size)
{
	char c = byte < line->length ? line->start[byte] : '\0';
	if (c != '`' && c != '@')
		return false;
	say(message, size,
	    "text starting with '%c' must be quoted: put the whole value in quotes (\"...\"), "
	    "or write it on the lines below `key: |`",
	    c);
	return true;
}

/* `explanation: Note: this is fine` */
static bool explain_colon_in_value(const struct text *text, const struct yamlerror_report *report,
				   char *message, size_t size, struct yamlerror_position *at)
{
	struct line line, above;
	if (!line_at(text, report->problem_at.line, &line))
		return false;
	size_t start = content_start(&line);
	size_t byte = byte_of_column(&line, report->problem_at.column);
	size_t colon = key_colon(&line, start);
	if (colon < byte) {
		size_t value = colon + 1 + strspn(line.start + colon + 1, " ");
		size_t length = line.length - value;
		char quote = memchr(line.start + value, '"', length) ? '\'' : '"';
		say(message, size,
		    "the value of '%.*s' contains ': ', which YAML reads as another key: put the whole value in "
		    "quotes, as %.*s: %c%.*s%s%c",
		    (int)(colon - start), line.start + start, (int)(colon - start), line.start + start, quote,
		    shown_length(line.start + value, length), line.start + value, ellipsis(length), quote);
		*at = (struct yamlerror_position){ report->problem_at.line, column_of_byte(&line, value) };
		return true;
	}
	size_t index = report->problem_at.line;
	while (index-- > 0 && line_at(text, index, &above) && (above.blank || is_comment(&above)))
		;
	if (index == (size_t)-1 || above.indent >= line.indent)
		return false;
	size_t above_start = content_start(&above);
	size_t above_colon = key_colon(&above, above_start);
	if (memchr(line.start + start, ' ', byte - start) || above_colon >= above.length) {
		say(message, size,
		    "a value continued on this line contains ': ', which YAML reads as another key: put the "
		    "whole value in quotes, or write it on the lines below `key: |`");
		return true;
	}
	say(message, size,
	    "'%.*s' is indented more than '%.*s' above it, so YAML reads it as part of that value: start it "
	    "in the same column as '%.*s'",
	    (int)(byte - start), line.start + start, (int)(above_colon - above_start), above.start + above_start,
	    (int)(above_colon - above_start), above.start + above_start);
	*at = (struct yamlerror_position){ report->problem_at.line, column_of_byte(&line, start) };
	return true;
}

/* `text: "quoted" and more` */
static bool explain_after_quote(const struct line *line, size_t byte, char *message, size_t size)
{
	size_t before = byte;
	while (before > 0 && line->start[before - 1] == ' ')
		before--;
	if (before == 0 || (line->start[before - 1] != '"' && line->start[before - 1] != '\''))
		return false;
	say(message, size,
	    "text after the closing quote: a quoted value ends at its quote, so put the whole value in "
	    "quotes (a quote inside \"...\" is written \\\"), or write it on the lines below `key: |`");
	return true;
}

static bool explain_simple_key(const struct text *text, const struct yamlerror_report *report, char *message,
			       size_t size, struct yamlerror_position *at)
{
	struct line line;
	if (!report->has_context_at || !line_at(text, report->context_at.line, &line))
		return false;
	size_t start = byte_of_column(&line, report->context_at.column);
	size_t length = line.length - start;
	say(message, size,
	    "'%.*s%s' has no ':' after it: write it as 'key: value', or indent it under the key whose "
	    "value it continues",
	    shown_length(line.start + start, length), line.start + start, ellipsis(length));
	*at = report->context_at;
	return true;
}

static bool explain_unclosed(const struct yamlerror_report *report, const char *what, char *message,
			     size_t size, struct yamlerror_position *at)
{
	if (!report->has_context_at)
		return false;
	say(message, size, "%s", what);
	*at = report->context_at;
	return true;
}

static bool explain(const struct text *text, const struct yamlerror_report *report, char *message,
		    size_t size, struct yamlerror_position *at)
{
	const char *problem = report->problem ? report->problem : "";
	const char *context = report->context ? report->context : "";
	struct line line;

	if (report->problem_at.line >= text->line_count || !line_at(text, report->problem_at.line, &line))
		return false;
	size_t byte = byte_of_column(&line, report->problem_at.column);
	*at = report->problem_at;
	if (explain_dedent(text, report, message, size, at) || explain_tab(text, report, message, size, at))
		return true;
	if (strstr(problem, "cannot start any token"))
		return explain_reserved_start(&line, byte, message, size);
	if (strstr(problem, "mapping values are not allowed"))
		return explain_colon_in_value(text, report, message, size, at);
	if (strstr(problem, "did not find expected key")) {
		if (explain_after_quote(&line, byte, message, size))
			return true;
		say(message, size,
		    "expected a 'key: value' line here, in the column of the keys above it: check this "
		    "line's indentation");
		return true;
	}
	if (strstr(problem, "did not find expected '-' indicator")) {
		say(message, size,
		    "expected another '- ' item here, in the column of the '-' above it: check this line's "
		    "indentation");
		return true;
	}
	if (strstr(problem, "could not find expected ':'"))
		return explain_simple_key(text, report, message, size, at);
	if (strstr(problem, "end of stream") && strstr(context, "quoted scalar"))
		return explain_unclosed(report, "this quoted value is never closed: end it with the same quote",
					message, size, at);
	if (strstr(problem, "expected ',' or ']'"))
		return explain_unclosed(report, "this '[' list is never closed by ']': close it, or quote the "
					"value if the '[' is text", message, size, at);
	if (strstr(problem, "expected ',' or '}'"))
		return explain_unclosed(report, "this '{' mapping is never closed by '}': close it, or quote the "
					"value if the '{' is text", message, size, at);
	return false;
}

bool yamlerror_explain(const char *data, size_t length, const struct yamlerror_report *report,
		       char *message, size_t size, struct yamlerror_position *at)
{
	struct text text = { data, length, 0, NULL };
	if (!index_lines(&text))
		return false;
	bool explained = explain(&text, report, message, size, at);
	free(text.starts);
	return explained;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *yamlerror_language(const char *text, size_t length)
{
	size_t i = 0;
	while (i < length && is_blank(text[i]))
		i++;
	return i < length && (text[i] == '{' || text[i] == '[') ? "JSON" : "YAML";
}

bool yamlerror_at_end(const char *text, size_t length, size_t offset)
{
	while (length > 0 && is_blank(text[length - 1]))
		length--;
	return offset >= length;
}

const char *yamlerror_end_note(const char *text, size_t length, size_t offset)
{
	return yamlerror_at_end(text, length, offset) ? "; the file ends first: is it cut short?" : "";
}
