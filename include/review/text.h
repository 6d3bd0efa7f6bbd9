/* Untrusted text made safe to show, measured in display columns, and the
 * styled lines every renderer (markdown.h, highlight.h) produces. No terminal
 * I/O here: front ends turn styled lines into ANSI escapes or curses calls. */
#ifndef REVIEW_TEXT_H
#define REVIEW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a span means; each front end maps roles to colours and attributes. */
enum text_role {
	ROLE_PLAIN,
	ROLE_HEADING,
	ROLE_EMPHASIS,
	ROLE_STRONG,
	ROLE_CODE,        /* code span or code block line */
	ROLE_LINK,        /* link text */
	ROLE_URL,         /* the link target shown after the text */
	ROLE_QUOTE,       /* the block-quote bar */
	ROLE_BULLET,      /* list markers */
	ROLE_ESCAPE,      /* a visible marker standing for a control or invisible character */
	ROLE_LINE_NUMBER,
	ROLE_KEYWORD,     /* syntax highlighting classes from here on */
	ROLE_TYPE,
	ROLE_STRING,
	ROLE_COMMENT,
	ROLE_NUMBER,
	ROLE_PREPROCESSOR,
	ROLE_COUNT
};

struct text_span {
	char *text;            /* valid UTF-8, printable: already sanitized */
	enum text_role role;
	unsigned char bold, italic; /* nesting can combine e.g. strong inside a heading */
};

/* A line's spans keep their text in one block per line (store), each span's
 * text NUL-terminated in it: two allocations a line instead of one a span. */
struct text_line {
	struct text_span *spans;
	size_t span_count;
	size_t span_capacity;
	char *store;
	size_t store_len, store_cap;
};

struct text_doc {
	struct text_line *lines;
	size_t line_count;
	size_t line_capacity;
};

/* Options for sanitizing: with ascii_only (a non-UTF-8 locale) every non-ASCII
 * character is shown as <U+XXXX>. */
struct text_options {
	bool ascii_only;
	int tab_width;         /* 0 means 4 */
};

/* Returns a new string (caller frees) in which every control character other than
 * newline and tab is in caret notation (ESC -> ^[, DEL -> ^?) or <U+XXXX> (C1),
 * every bidi control and zero-width character (and a non-leading U+FEFF) is
 * <U+XXXX>, and invalid UTF-8 bytes are <XX>. Returns NULL when out of memory.
 * Also shown as <U+XXXX>: the other invisible format characters (soft hyphen,
 * line and paragraph separators U+2028/2029, invisible operators, Hangul fillers,
 * tag characters, noncharacters). A leading U+FEFF (a byte order mark) is dropped. */
char *text_sanitize(const char *text, size_t length, const struct text_options *options);

/* The same for text shown as one record of a one-line-per-record format (a
 * table row, a FILE:LINE:COL diagnostic, a usage error): newline and tab are
 * shown as ^J and ^I too, so a file cannot forge or split a line. */
char *text_sanitize_line(const char *text, size_t length, const struct text_options *options);

/* Strict UTF-8: the length of the sequence at text (at most length bytes) with
 * its code point, or 0 for an invalid lead byte, a truncated sequence, an
 * overlong form, a surrogate or a value past U+10FFFF. */
size_t text_utf8_decode(const char *text, size_t length, uint32_t *code_point);

/* Characters that draw nothing or reorder text (bidi controls, zero-width
 * characters, U+FEFF...), which a reviewer must see as markers. C0, DEL and C1
 * are not included: they are controls. */
bool text_is_invisible(uint32_t code_point);

/* Levenshtein distance between two short strings (SIZE_MAX past 64 bytes), for
 * "did you mean" suggestions. */
size_t text_edit_distance(const char *a, const char *b);

/* The offset of the first control character of text (a byte below 0x20, or
 * DEL), tab and line feed excepted when `breaks_are_text`; length when there
 * is none. Reads eight bytes at a step: every string of every file passes. */
size_t text_find_control(const char *text, size_t length, bool breaks_are_text);

/* Display width in terminal columns of valid UTF-8 (wide characters count 2,
 * combining marks 0). Uses wcwidth, so the caller sets LC_CTYPE with setlocale;
 * a character wcwidth does not know, and an invalid byte, count 1. */
int text_width(const char *text, size_t length);

struct text_doc *text_doc_new(void);
void text_doc_free(struct text_doc *doc);
/* Appends an empty line and returns it, NULL when out of memory. The pointer is
 * valid until the next text_doc_add_line on the same doc. */
struct text_line *text_doc_add_line(struct text_doc *doc);
/* Frees what a line holds (its spans and their text) and empties it; for a
 * line that is not part of a doc. */
void text_line_clear(struct text_line *line);
/* Appends sanitized text (split into role spans and ROLE_ESCAPE markers) to line.
 * Newlines in text are treated as spaces. Returns false when out of memory.
 * Tabs are expanded to the next tab stop (options->tab_width) counted from the
 * start of the line. Every U+FEFF is a marker here (a line has no BOM).
 * Appending already sanitized text changes nothing: markers are plain ASCII. */
bool text_line_append(struct text_line *line, const char *text, size_t length,
		      enum text_role role, const struct text_options *options);
/* Like text_line_append, with the spans' bold and italic attributes. When column
 * is not NULL it holds the display column where text starts (tab stops count
 * from there instead of from the line's width, which saves re-measuring long
 * lines) and is advanced past the appended text. */
bool text_line_append_styled(struct text_line *line, const char *text, size_t length,
			     enum text_role role, unsigned char bold, unsigned char italic,
			     const struct text_options *options, int *column);
int text_line_width(const struct text_line *line);
/* The line's text without styles; caller frees. */
char *text_line_plain(const struct text_line *line);

#endif
