/* Drawing for every screen: styles for text roles and interface elements, text
 * clipped to a width in display columns (wide and combining characters through
 * the curses wide-character calls), footer, dialogs. Text reaching these functions
 * is already sanitized by text.h; anything else is ASCII of our own. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/tui.h"

/* One style in colour (foreground on the default background) and without. */
struct style_spec {
	short color;       /* -1: no colour */
	attr_t color_attr;
	attr_t mono_attr;
};

static const struct style_spec role_specs[ROLE_COUNT] = {
	[ROLE_PLAIN] = { -1, A_NORMAL, A_NORMAL },
	[ROLE_HEADING] = { COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_EMPHASIS] = { -1, A_ITALIC, A_UNDERLINE },
	[ROLE_STRONG] = { -1, A_BOLD, A_BOLD },
	[ROLE_CODE] = { COLOR_CYAN, A_NORMAL, A_BOLD },
	[ROLE_LINK] = { COLOR_BLUE, A_UNDERLINE, A_UNDERLINE },
	[ROLE_URL] = { COLOR_BLUE, A_NORMAL, A_NORMAL },
	[ROLE_QUOTE] = { COLOR_GREEN, A_NORMAL, A_BOLD },
	[ROLE_BULLET] = { COLOR_YELLOW, A_BOLD, A_BOLD },
	[ROLE_ESCAPE] = { COLOR_RED, A_REVERSE, A_REVERSE },
	[ROLE_LINE_NUMBER] = { COLOR_YELLOW, A_DIM, A_DIM },
	[ROLE_KEYWORD] = { COLOR_MAGENTA, A_BOLD, A_BOLD },
	[ROLE_TYPE] = { COLOR_CYAN, A_NORMAL, A_NORMAL },
	[ROLE_STRING] = { COLOR_GREEN, A_NORMAL, A_NORMAL },
	[ROLE_COMMENT] = { COLOR_BLUE, A_NORMAL, A_DIM },
	[ROLE_NUMBER] = { COLOR_YELLOW, A_NORMAL, A_NORMAL },
	[ROLE_PREPROCESSOR] = { COLOR_MAGENTA, A_NORMAL, A_NORMAL },
};

static const struct style_spec style_specs[STYLE_COUNT] = {
	[STYLE_FOOTER] = { -1, A_REVERSE, A_REVERSE },
	[STYLE_FOOTER_KEY] = { -1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD },
	/* Without colour the selection alone is reversed: a focused title right
	 * above it is bold and underlined, an unfocused one only underlined. */
	[STYLE_TITLE] = { COLOR_BLUE, A_BOLD, A_UNDERLINE },
	[STYLE_TITLE_FOCUS] = { -1, A_REVERSE | A_BOLD, A_BOLD | A_UNDERLINE },
	[STYLE_SELECTED] = { -1, A_REVERSE, A_REVERSE },
	[STYLE_MESSAGE] = { COLOR_YELLOW, A_BOLD | A_REVERSE, A_BOLD | A_REVERSE },
	[STYLE_GOOD] = { COLOR_GREEN, A_BOLD, A_BOLD },
	[STYLE_BAD] = { COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE },
	[STYLE_PARTIAL] = { COLOR_YELLOW, A_BOLD, A_BOLD },
	[STYLE_MARKED_LINE] = { COLOR_YELLOW, A_REVERSE, A_REVERSE },
	[STYLE_DIALOG] = { -1, A_BOLD, A_BOLD },
	[STYLE_DIM] = { -1, A_DIM, A_DIM },
	/* The unanswered label is the loudest thing in the list: it is what is left to do. */
	[STYLE_UNANSWERED] = { COLOR_MAGENTA, A_BOLD | A_REVERSE, A_BOLD | A_UNDERLINE },
	[STYLE_PICK_BUG] = { COLOR_RED, A_BOLD, A_BOLD },
	[STYLE_PICK_WARNING] = { COLOR_YELLOW, A_BOLD, A_BOLD },
	[STYLE_PICK_MINOR] = { COLOR_CYAN, A_NORMAL, A_NORMAL },
	[STYLE_PICK_REAL] = { COLOR_GREEN, A_NORMAL, A_NORMAL },
	[STYLE_PICK_NOT_REAL] = { COLOR_BLUE, A_NORMAL, A_DIM },
	[STYLE_IN_PROGRESS] = { COLOR_YELLOW, A_NORMAL, A_BOLD },
	[STYLE_CHANGED] = { COLOR_MAGENTA, A_BOLD, A_BOLD | A_UNDERLINE },
};

/* Colour pairs: one per foreground colour, on the terminal's default background. */
static struct tui_attr make_attr(const struct tui *tui, const struct style_spec *spec)
{
	struct tui_attr attr = { tui->color ? spec->color_attr : spec->mono_attr, 0 };
	if (tui->color && spec->color >= 0)
		attr.pair = (short)(spec->color + 1);
	return attr;
}

void draw_init_styles(struct tui *tui)
{
	if (tui->color) {
		start_color();
		use_default_colors();
		for (short color = 0; color < 8; color++)
			init_pair((short)(color + 1), color, -1);
	}
	for (int role = 0; role < ROLE_COUNT; role++)
		tui->roles[role] = make_attr(tui, &role_specs[role]);
	for (int style = 0; style < STYLE_COUNT; style++)
		tui->styles[style] = make_attr(tui, &style_specs[style]);
}

struct tui_attr draw_style(const struct tui *tui, enum tui_style style)
{
	return tui->styles[style];
}

struct chunk {
	wchar_t text[256];
	int count;
};

static void chunk_flush(struct chunk *chunk, int y, int *x, int columns)
{
	if (chunk->count > 0)
		mvaddnwstr(y, *x, chunk->text, chunk->count);
	*x += columns;
	chunk->count = 0;
}

/* The next character of text, '?' for anything curses could not show. */
static size_t next_char(const char *text, size_t length, wchar_t *out, int *width)
{
	mbstate_t state;
	memset(&state, 0, sizeof(state));
	size_t used = mbrtowc(out, text, length, &state);
	if (used == (size_t)-1 || used == (size_t)-2 || used == 0) {
		*out = L'?';
		used = 1;
	}
	*width = wcwidth(*out);
	if (*width < 0) {
		*out = L'?';
		*width = 1;
	}
	return used;
}

int draw_text(int y, int x, int width, int skip, const char *text, struct tui_attr attr)
{
	struct chunk chunk = { .count = 0 };
	size_t length = strlen(text);
	int column = 0, drawn = 0, pending = 0;
	bool skipped_base = false;

	attr_set(attr.attr, attr.pair, NULL);
	for (size_t at = 0; at < length && drawn < width;) {
		wchar_t wc;
		int w;
		at += next_char(text + at, length - at, &wc, &w);
		if (column < skip || (w == 0 && skipped_base)) {
			column += w;
			skipped_base = true;
			if (column > skip) /* a wide character cut by the left edge */
				for (; column > skip && drawn < width; skip++, drawn++, pending++)
					chunk.text[chunk.count++] = L' ';
			continue;
		}
		skipped_base = false;
		if (drawn + w > width)
			break;
		if (chunk.count >= (int)(sizeof(chunk.text) / sizeof(*chunk.text)) - 2) {
			chunk_flush(&chunk, y, &x, pending);
			pending = 0;
		}
		chunk.text[chunk.count++] = wc;
		column += w;
		drawn += w;
		pending += w;
	}
	chunk_flush(&chunk, y, &x, pending);
	return drawn;
}

int draw_line(const struct tui *tui, int y, int x, int width, int skip,
	      const struct text_line *line, struct tui_attr extra)
{
	int drawn = 0;

	for (size_t i = 0; i < line->span_count && drawn < width; i++) {
		const struct text_span *span = &line->spans[i];
		int span_width = text_width(span->text, strlen(span->text));
		if (skip >= span_width) {
			skip -= span_width;
			continue;
		}
		struct tui_attr attr = tui->roles[span->role];
		attr.attr |= extra.attr | (span->bold ? A_BOLD : 0) |
			     (span->italic ? (tui->color ? A_ITALIC : A_UNDERLINE) : 0);
		if (extra.pair)
			attr.pair = extra.pair;
		drawn += draw_text(y, x + drawn, width - drawn, skip, span->text, attr);
		skip = 0;
	}
	return drawn;
}

void draw_fill(int y, int x, int width, struct tui_attr attr)
{
	if (width <= 0)
		return;
	attr_set(attr.attr, attr.pair, NULL);
	mvhline(y, x, ' ', width);
}

void draw_title(const struct tui *tui, int y, int x, int width, const char *title,
		const char *right, bool focus)
{
	struct tui_attr attr = draw_style(tui, focus ? STYLE_TITLE_FOCUS : STYLE_TITLE);
	int right_width = right ? text_width(right, strlen(right)) + 1 : 0;

	draw_fill(y, x, width, attr);
	int room = width - 2 - right_width;
	int used = draw_text(y, x + 1, room, 0, title, attr);
	if (used == room && text_width(title, strlen(title)) > room && room > 1) /* cut: say so */
		draw_text(y, x + room, 1, 0, tui->text_options.ascii_only ? "~" : "\xe2\x80\xa6", attr);
	if (right && right_width + used + 2 <= width)
		draw_text(y, x + width - right_width, right_width, 0, right, attr);
}

/* One footer entry: the key in bold, then its label. */
static int footer_entry(const struct tui *tui, int x, int limit, const char *label)
{
	const char *space = strchr(label, ' ');
	size_t key_length = space ? (size_t)(space - label) : strlen(label);
	int width = text_width(label, strlen(label));
	char key[32];

	if (x + width > limit || key_length >= sizeof(key))
		return -1;
	memcpy(key, label, key_length);
	key[key_length] = '\0';
	draw_text(LINES - 1, x, limit - x, 0, key, draw_style(tui, STYLE_FOOTER_KEY));
	if (space)
		draw_text(LINES - 1, x + (int)key_length, limit - x, 0, space,
			  draw_style(tui, STYLE_FOOTER));
	return width;
}

/* A notice takes the footer, and the rows above it when it is long. */
static void draw_message(const struct tui *tui)
{
	struct text_doc *doc = text_doc_new();
	struct tui_attr attr = draw_style(tui, STYLE_MESSAGE);

	if (!doc || !tui_append_wrapped(doc, tui->message, ROLE_PLAIN, COLS - 2, 2, &tui->text_options)) {
		text_doc_free(doc);
		return;
	}
	int rows = doc->line_count < 3 ? (int)doc->line_count : 3;
	for (int i = 0; i < rows; i++) {
		int y = LINES - rows + i;
		draw_fill(y, 0, COLS, attr);
		draw_line(tui, y, 1, COLS - 2, 0, &doc->lines[i], attr);
	}
	text_doc_free(doc);
}

/* Help and the way out are what a newcomer needs most: they sit at the right end
 * and are always shown; the other keys fill the left in table order. */
static bool footer_pinned(const struct key_binding *binding)
{
	return binding->request == REQ_HELP || binding->request == REQ_BACK || binding->request == REQ_QUIT;
}

static bool footer_shows(const struct key_binding *binding, unsigned scopes)
{
	return binding->footer && keys_applies(binding, scopes) &&
	       (!binding->footer_when || (binding->footer_when & scopes));
}

static int footer_width(const struct key_binding *binding)
{
	return text_width(binding->footer, strlen(binding->footer)) + 2;
}

/* The keys that fit, the highest ranks first, then drawn in table order. */
static void footer_keys(const struct tui *tui, unsigned scopes, int x, int limit)
{
	bool chosen[128] = { false };
	int room = limit - x;

	for (int rank = 9; rank >= 0; rank--)
		for (size_t i = 0; i < keys_count && i < sizeof(chosen); i++)
			if (keys_table[i].rank == rank && footer_shows(&keys_table[i], scopes) &&
			    !footer_pinned(&keys_table[i]) && footer_width(&keys_table[i]) <= room) {
				chosen[i] = true;
				room -= footer_width(&keys_table[i]);
			}
	for (size_t i = 0; i < keys_count && i < sizeof(chosen); i++)
		if (chosen[i])
			x += footer_entry(tui, x, limit, keys_table[i].footer) + 2;
}

void draw_footer(const struct tui *tui, unsigned scopes)
{
	int y = LINES - 1, pinned_width = 0;

	draw_fill(y, 0, COLS, draw_style(tui, STYLE_FOOTER));
	if (tui->prompt[0]) { /* what is being typed comes before any notice */
		struct tui_attr attr = draw_style(tui, STYLE_MESSAGE);
		draw_fill(y, 0, COLS, attr);
		draw_text(y, 1, COLS - 2, 0, tui->prompt, attr);
		return;
	}
	if (tui->message[0]) {
		draw_message(tui);
		return;
	}
	for (size_t i = 0; i < keys_count; i++)
		if (footer_shows(&keys_table[i], scopes) && footer_pinned(&keys_table[i]))
			pinned_width += footer_width(&keys_table[i]);
	int right = COLS - 1 - pinned_width;
	footer_keys(tui, scopes, 1, right);
	int x = right + 2;
	for (size_t i = 0; i < keys_count; i++)
		if (footer_shows(&keys_table[i], scopes) && footer_pinned(&keys_table[i]) &&
		    footer_entry(tui, x, COLS - 1, keys_table[i].footer) >= 0)
			x += footer_width(&keys_table[i]);
}

static void draw_box(int y, int x, int h, int w, struct tui_attr attr)
{
	attr_set(attr.attr, attr.pair, NULL);
	for (int row = y; row < y + h; row++)
		mvhline(row, x, ' ', w);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
}

void draw_dialog(const struct tui *tui, const char *text, const char *keys)
{
	struct text_doc *doc = text_doc_new();
	struct text_line *line = text_doc_add_line(doc);
	int width = COLS - 8 < 64 ? COLS - 8 : 64;

	if (!doc || !line || !tui_append(line, text, ROLE_PLAIN, false, &tui->text_options))
		goto done;
	struct text_doc *wrapped = text_doc_new();
	if (!wrapped || !tui_wrap_line(wrapped, line, width - 4, 0)) {
		text_doc_free(wrapped);
		goto done;
	}
	int rows = (int)wrapped->line_count + 4;
	int y = (LINES - rows) / 2, x = (COLS - width) / 2;
	struct tui_attr attr = draw_style(tui, STYLE_DIALOG);
	draw_box(y, x, rows, width, attr);
	for (size_t i = 0; i < wrapped->line_count; i++)
		draw_line(tui, y + 1 + (int)i, x + 2, width - 4, 0, &wrapped->lines[i], attr);
	int keys_width = text_width(keys, strlen(keys));
	draw_text(y + rows - 2, x + (width - keys_width) / 2, width - 4, 0, keys,
		  draw_style(tui, STYLE_TITLE_FOCUS));
	text_doc_free(wrapped);
done:
	text_doc_free(doc);
}

/* Wrapped, so that even a tiny terminal shows how to get out. */
void draw_too_small(const struct tui *tui)
{
	char line[160];
	struct text_doc *doc = text_doc_new();
	struct tui_attr attr = draw_style(tui, STYLE_DIALOG);

	erase();
	snprintf(line, sizeof(line), "Terminal too small: %dx%d. Needs at least %dx%d. Enlarge it, or press q to quit.",
		 COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	if (!doc || !tui_append_wrapped(doc, line, ROLE_PLAIN, COLS > 2 ? COLS - 2 : 1, 0, &tui->text_options)) {
		draw_text(0, 0, COLS, 0, line, attr);
	} else {
		int rows = (int)doc->line_count, y = LINES > rows ? (LINES - rows) / 2 : 0;
		for (int i = 0; i < rows && y + i < LINES; i++)
			draw_line(tui, y + i, COLS > 2 ? 1 : 0, COLS, 0, &doc->lines[i], attr);
	}
	text_doc_free(doc);
}

char *tui_safe(const struct tui *tui, const char *text)
{
	return text_sanitize(text, strlen(text), &tui->text_options);
}
