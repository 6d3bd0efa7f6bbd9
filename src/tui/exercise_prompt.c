/* Typing in the exercise screen: `/` searches the code (Enter on an empty
 * search finds the next match) and `:N` goes to line N. The text typed shows in
 * the footer; the line found is marked in the gutter and, while finding, the
 * cursor moves there too. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui/exercise_view.h"

static void show_prompt(struct tui *tui, const struct exercise_view *view)
{
	char *safe = tui_safe(tui, view->prompt_text);
	snprintf(tui->prompt, sizeof(tui->prompt), "%s%s", view->prompt_kind == '/' ? "Search the code: /" : "Go to line: ",
		 safe ? safe : "");
	free(safe);
}

static void open_prompt(struct tui *tui, struct exercise_view *view, char kind)
{
	view->prompt_kind = kind;
	view->prompt_text[0] = '\0';
	show_prompt(tui, view);
}

void exercise_prompt_open(struct tui *tui, struct exercise_view *view)
{
	open_prompt(tui, view, '/');
}

void exercise_prompt_open_line(struct tui *tui, struct exercise_view *view)
{
	open_prompt(tui, view, ':');
}

static void close_prompt(struct tui *tui, struct exercise_view *view)
{
	view->prompt_kind = 0;
	tui->prompt[0] = '\0';
}

static void go_to(struct exercise_view *view, int line)
{
	struct pane_state *code = &view->panes[PANE_CODE];
	view->found_line = line;
	view->focus = PANE_CODE;
	if (view->mode == MODE_FIND)
		view->cursor = line;
	if (line < code->top || line >= code->top + code->rect.h)
		code->top = line - code->rect.h / 3 > 0 ? line - code->rect.h / 3 : 0;
}

/* The code line (0-based) at or after `from` that holds needle, ignoring case
 * (ASCII), wrapping around; -1 when none does. */
static int find_line(const char *code, int lines, const char *needle, int from)
{
	size_t length = strlen(needle);
	for (int step = 0; step < lines; step++) {
		int target = (from + step) % lines, line = 0;
		const char *at = code;
		while (line < target && (at = strchr(at, '\n')) != NULL) {
			at++;
			line++;
		}
		if (!at)
			continue;
		const char *end = strchr(at, '\n');
		size_t span = end ? (size_t)(end - at) : strlen(at);
		for (size_t i = 0; i + length <= span; i++)
			if (strncasecmp(at + i, needle, length) == 0)
				return target;
	}
	return -1;
}

static void search(struct tui *tui, struct exercise_view *view)
{
	if (view->prompt_text[0])
		snprintf(view->last_search, sizeof(view->last_search), "%s", view->prompt_text);
	if (!view->last_search[0])
		return;
	int lines = view->exercise->code_line_count;
	int from = view->found_line >= 0 ? view->found_line + 1 : view->panes[PANE_CODE].top;
	int line = lines > 0 ? find_line(view->exercise->code, lines, view->last_search, from % lines) : -1;
	if (line < 0) {
		tui_message(tui, "No line of the code holds \"%s\".", view->last_search);
		return;
	}
	go_to(view, line);
	tui_message(tui, "Line %d holds \"%s\"; / then Enter finds the next.", line + 1, view->last_search);
}

static void go_to_line(struct tui *tui, struct exercise_view *view)
{
	char *end = NULL;
	long number = strtol(view->prompt_text, &end, 10);
	int lines = view->exercise->code_line_count;
	if (!view->prompt_text[0] || *end || number < 1 || number > lines) {
		tui_message(tui, "The code has lines 1 to %d.", lines);
		return;
	}
	go_to(view, (int)number - 1);
}

bool exercise_prompt_request(struct tui *tui, struct exercise_view *view, enum request request)
{
	if (!view->prompt_kind)
		return false;
	if (request == REQ_ACCEPT) {
		char kind = view->prompt_kind;
		close_prompt(tui, view);
		if (kind == '/')
			search(tui, view);
		else
			go_to_line(tui, view);
	} else if (request == REQ_CANCEL) {
		close_prompt(tui, view);
	} else if (request == REQ_ERASE) {
		size_t length = strlen(view->prompt_text);
		view->prompt_text[length > 0 ? length - 1 : 0] = '\0';
		show_prompt(tui, view);
	}
	return true;
}

/* Printable ASCII only: code search stays byte-exact and simple. */
bool exercise_prompt_input(struct tui *tui, wint_t ch)
{
	struct exercise_view *view = tui->exercise_view;
	size_t length = strlen(view->prompt_text);

	if (!view->prompt_kind)
		return false;
	if (ch < 0x80 && isprint((int)ch) && length + 1 < sizeof(view->prompt_text) &&
	    (view->prompt_kind == '/' || isdigit((int)ch))) {
		view->prompt_text[length] = (char)ch;
		view->prompt_text[length + 1] = '\0';
	}
	show_prompt(tui, view);
	return true;
}
