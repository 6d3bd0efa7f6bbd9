/* The `?` overlay: the key table, grouped by section, in a scrollable box over
 * the current screen. */
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define NAMES_WIDTH 15

static bool add_binding(struct text_doc *doc, const struct key_binding *binding, int width,
			const struct text_options *options)
{
	struct text_doc *scratch = text_doc_new();
	struct text_line *line = scratch ? text_doc_add_line(scratch) : NULL;
	char names[NAMES_WIDTH + 4];

	snprintf(names, sizeof(names), "  %-*s", NAMES_WIDTH - 2, binding->names);
	bool ok = line && tui_append(line, names, ROLE_CODE, true, options) &&
		  tui_append(line, binding->help, ROLE_PLAIN, false, options) &&
		  tui_wrap_line(doc, line, width, NAMES_WIDTH);
	text_doc_free(scratch);
	return ok;
}

static struct text_doc *build(const struct tui *tui, int width)
{
	struct text_doc *doc = text_doc_new();
	const char *section = NULL;
	bool ok = doc != NULL;

	for (size_t i = 0; ok && i < keys_count; i++) {
		const struct key_binding *binding = &keys_table[i];
		if (!section || strcmp(section, binding->section) != 0) {
			section = binding->section;
			if (i > 0)
				ok = text_doc_add_line(doc) != NULL;
			struct text_line *line = ok ? text_doc_add_line(doc) : NULL;
			ok = line && tui_append(line, section, ROLE_HEADING, true, &tui->text_options);
		}
		ok = ok && add_binding(doc, binding, width, &tui->text_options);
	}
	if (!ok) {
		text_doc_free(doc);
		return NULL;
	}
	return doc;
}

static int box_height(void)
{
	return LINES - 2;
}

void help_draw(struct tui *tui)
{
	int width = COLS, height = box_height();
	int x = 0, y = 1;
	struct text_doc *doc = build(tui, width - 4 < 96 ? width - 4 : 96);
	struct tui_attr plain = { A_NORMAL, 0 };

	if (!doc)
		return;
	int rows = height - 2, lines = (int)doc->line_count;
	if (tui->help_top > lines - rows)
		tui->help_top = lines - rows > 0 ? lines - rows : 0;
	for (int row = 0; row < height; row++)
		draw_fill(y + row, x, width, plain);
	draw_title(tui, y, x, width, "Keys: j/k scroll, ? or q or Esc closes", NULL, true);
	for (int row = 0; row < rows && tui->help_top + row < lines; row++)
		draw_line(tui, y + 1 + row, x + 2, width - 4, 0, &doc->lines[tui->help_top + row], plain);
	char position[64];
	snprintf(position, sizeof(position), "%s",
		 lines > rows ? (tui->help_top + rows < lines ? "more below: j or PgDn" : "end") : "");
	draw_title(tui, y + height - 1, x, width, "", position, false);
	text_doc_free(doc);
}

void help_request(struct tui *tui, enum request request)
{
	int page = box_height() - 3;

	switch (request) {
	case REQ_DOWN: tui->help_top++; break;
	case REQ_UP: tui->help_top--; break;
	case REQ_PAGE_DOWN: tui->help_top += page; break;
	case REQ_PAGE_UP: tui->help_top -= page; break;
	case REQ_HALF_DOWN: tui->help_top += page / 2; break;
	case REQ_HALF_UP: tui->help_top -= page / 2; break;
	case REQ_TOP: tui->help_top = 0; break;
	case REQ_BOTTOM: tui->help_top = 1 << 20; break;
	case REQ_HELP:
	case REQ_BACK:
	case REQ_QUIT:
	case REQ_CANCEL: tui->help_open = false; break;
	default: break;
	}
	if (tui->help_top < 0)
		tui->help_top = 0;
}
